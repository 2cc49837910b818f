import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class LessonCompletionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  completed(studentIds: string[], lessonIds: string[]): Promise<Array<{ studentId: string; lessonIds: string[] }>> {
    if (studentIds.length === 0 || lessonIds.length === 0) return Promise.resolve([]);
    return this.ds.query(
      `SELECT student_id AS "studentId", array_agg(lesson_id) AS "lessonIds" FROM lesson_progress
        WHERE student_id = ANY($1::uuid[]) AND lesson_id = ANY($2::uuid[]) AND state = 'completed'
        GROUP BY student_id`,
      [studentIds, lessonIds],
    );
  }
}
