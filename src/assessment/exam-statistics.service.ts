import { Injectable } from '@nestjs/common';
import { ExamStatisticsRepository, ExamStatisticsRow } from './exam-statistics.repository';

export type { ExamStatisticsRow } from './exam-statistics.repository';

/** Assessment's narrow read service for reports: attempts and passes per exam of a set of students (set-based). */
@Injectable()
export class ExamStatistics {
  constructor(private readonly repo: ExamStatisticsRepository) {}

  byExam(studentIds: readonly string[]): Promise<ExamStatisticsRow[]> {
    return this.repo.byExam([...new Set(studentIds)]);
  }

  /** Who of the students handed in an attempt at a certification (tier) exam. */
  async tierExamSitters(studentIds: readonly string[]): Promise<Set<string>> {
    return new Set(await this.repo.tierExamSitters([...new Set(studentIds)]));
  }
}
