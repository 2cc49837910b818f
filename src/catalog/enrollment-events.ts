import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface Unenrolment {
  courseId: string;
  studentId: string;
}

export type UnenrolledListener = (tx: EntityManager, e: Unenrolment) => Promise<void>;

/**
 * What other contexts must do when a student leaves a course, run in the unenrolment's own
 * transaction (learning revokes the student's playback sessions of the course). Contexts that
 * depend on the catalogue register here at start-up; the catalogue knows none of them.
 */
@Injectable()
export class EnrollmentEvents {
  private readonly unenrolled: UnenrolledListener[] = [];

  onUnenrolled(listener: UnenrolledListener): void {
    this.unenrolled.push(listener);
  }

  async emitUnenrolled(tx: EntityManager, e: Unenrolment): Promise<void> {
    for (const listener of this.unenrolled) await listener(tx, e);
  }
}
