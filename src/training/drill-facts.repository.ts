import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class DrillFactsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  passedCounts(studentIds: string[]): Promise<Array<{ studentId: string; passed: number }>> {
    if (studentIds.length === 0) return Promise.resolve([]);
    return this.ds.query(
      `SELECT student_id AS "studentId", COUNT(*)::int AS passed FROM drill_result
        WHERE student_id = ANY($1::uuid[]) AND passed GROUP BY student_id`,
      [studentIds],
    );
  }
}
