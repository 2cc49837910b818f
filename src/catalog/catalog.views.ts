import type { CourseSystemCode } from './entities/course-system.entity';
import type { CourseStatus, DeliveryMode } from './entities/course.entity';
import type { LessonMode } from './entities/lesson.entity';

/** Shapes of the API contract (design.md, "Resource shapes"). */
export interface LessonView {
  id: string;
  title: string;
  position: number;
  mode: LessonMode;
  creditMinutes: number;
  mediaId: string | null;
  durationSeconds: number | null;
  allowSkipAhead: boolean;
  scenarioId: string | null;
}

export interface ModuleView {
  id: string;
  title: string;
  position: number;
  hours: number;
  creditMinutes: number;
  lessons: LessonView[];
}

export interface CourseSummaryView {
  id: string;
  systemCode: CourseSystemCode;
  title: string;
  description: string;
  direction: string | null;
  directionName: string | null;
  objectives: string[];
  content: string[];
  delivery: DeliveryMode;
  hours: number;
  creditMinutes: number;
  hoursIsDefault: boolean;
  status: CourseStatus;
  version: number | null;
  lessonCount: number;
  /** Staff views only: the course's owner (null: seeded, managed by all staff). */
  ownerId?: string | null;
}

export interface CourseView extends CourseSummaryView {
  modules: ModuleView[];
  /** Trainer's draft view only: whether the draft differs from the latest published version. */
  hasUnpublishedChanges?: boolean;
  /** Trainer's draft view only: the co-trainers, who manage the course like its owner. */
  trainerIds?: string[];
}

/** What a published version freezes: the course as students see it. */
export type CourseSnapshot = Omit<CourseView, 'status' | 'version' | 'hasUnpublishedChanges' | 'ownerId' | 'trainerIds'>;

export interface CourseSystemView {
  code: CourseSystemCode;
  name: string;
  description: string;
  requiredHours: number;
  requiredHoursIsDefault: boolean;
  courseCount: number;
  totalHours: number;
}

/** Minutes → hours, kept exact to the minute (two decimals). */
export function minutesToHours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}
