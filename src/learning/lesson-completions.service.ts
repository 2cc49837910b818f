import { Injectable } from '@nestjs/common';
import { LessonCompletionsRepository } from './lesson-completions.repository';

/** Learning's narrow read service: which of the given lessons each student has completed (one query). */
@Injectable()
export class LessonCompletions {
  constructor(private readonly repo: LessonCompletionsRepository) {}

  async of(studentIds: readonly string[], lessonIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const rows = await this.repo.completed([...new Set(studentIds)], [...new Set(lessonIds)]);
    return new Map(rows.map((r) => [r.studentId, new Set(r.lessonIds)]));
  }
}
