import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface BestTierScore {
  studentId: string;
  tierCode: string;
  score: number;
  maxScore: number;
}

@Injectable()
export class TierExamResultsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Each student's best graded attempt (by percentage) at each tier's certification exam(s). */
  best(studentIds: string[], tierCodes: string[]): Promise<BestTierScore[]> {
    if (studentIds.length === 0 || tierCodes.length === 0) return Promise.resolve([]);
    return this.ds.query(
      `SELECT DISTINCT ON (a.student_id, e.tier_code)
              a.student_id AS "studentId", e.tier_code AS "tierCode", a.score, a.max_score AS "maxScore"
         FROM attempt a JOIN exam e ON e.id = a.exam_id
        WHERE a.student_id = ANY($1::uuid[]) AND e.tier_code = ANY($2::text[]) AND a.status = 'graded' AND a.max_score > 0
        ORDER BY a.student_id, e.tier_code, a.score::float8 / a.max_score DESC`,
      [studentIds, tierCodes],
    );
  }
}
