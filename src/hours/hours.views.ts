import type { CourseSystemCode } from '../catalog/entities/course-system.entity';
import type { HourEntry, HourSource } from './entities/hour-entry.entity';

export interface HourEntryView {
  id: string;
  systemCode: CourseSystemCode;
  minutes: number;
  source: HourSource;
  referenceType: string | null;
  referenceId: string | null;
  /** The course the entry counts towards, and the lesson it completes (null for adjustments). */
  courseId: string | null;
  lessonId: string | null;
  reason: string | null;
  authorId: string | null;
  createdAt: string;
}

export interface TranscriptView {
  studentId: string;
  systems: Array<{ code: CourseSystemCode; name: string; requiredHours: number; creditedMinutes: number; creditedHours: number; met: boolean }>;
  entries: HourEntryView[];
  totalEntries: number;
}

export function toHourEntryView(e: HourEntry): HourEntryView {
  return {
    id: e.id,
    systemCode: e.systemCode,
    minutes: e.minutes,
    source: e.source,
    referenceType: e.referenceType,
    referenceId: e.referenceId,
    courseId: e.courseId,
    lessonId: e.lessonId,
    reason: e.reason,
    authorId: e.authorId,
    createdAt: e.createdAt.toISOString(),
  };
}


