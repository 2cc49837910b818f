import { Injectable } from '@nestjs/common';
import { TierExamResultsRepository } from './tier-exam-results.repository';

export interface ExamScore {
  score: number;
  maxScore: number;
}

/** Assessment's narrow read service: best graded score per student and tier exam, in one query. */
@Injectable()
export class TierExamResults {
  constructor(private readonly repo: TierExamResultsRepository) {}

  async bestScores(studentIds: readonly string[], tierCodes: readonly string[]): Promise<Map<string, Record<string, ExamScore>>> {
    const out = new Map<string, Record<string, ExamScore>>();
    for (const r of await this.repo.best([...new Set(studentIds)], [...new Set(tierCodes)])) {
      const scores = out.get(r.studentId) ?? {};
      scores[r.tierCode] = { score: r.score, maxScore: r.maxScore };
      out.set(r.studentId, scores);
    }
    return out;
  }
}
