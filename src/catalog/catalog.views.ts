import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CourseSystemCode } from './entities/course-system.entity';
import type { CourseStatus, DeliveryMode } from './entities/course.entity';
import type { LessonMode } from './entities/lesson.entity';

/** Shapes of the API contract (design.md, "Resource shapes"). */
export class LessonView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: Number }) position: number;
  @ApiProperty({ enum: ['offline', 'blended', 'video', 'reading', 'exam', 'self_study', 'drill'] }) mode: LessonMode;
  @ApiProperty({ type: Number }) creditMinutes: number;
  @ApiProperty({ type: String, nullable: true }) mediaId: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationSeconds: number | null;
  @ApiProperty({ type: Boolean }) allowSkipAhead: boolean;
  @ApiProperty({ type: String, nullable: true }) scenarioId: string | null;
  /** Reading and self-study lessons: the text to read (plain text, paragraphs split by blank lines). */
  @ApiProperty({ type: String }) body: string;
}

export class ModuleView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: Number }) position: number;
  @ApiProperty({ type: Number }) hours: number;
  @ApiProperty({ type: Number }) creditMinutes: number;
  @ApiProperty({ type: () => [LessonView] }) lessons: LessonView[];
}

export class CourseSummaryView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ enum: ['practical', 'general', 'training', 'professional'] }) systemCode: CourseSystemCode;
  @ApiProperty({ type: String }) title: string;
  @ApiProperty({ type: String }) description: string;
  @ApiProperty({ type: String, nullable: true }) direction: string | null;
  @ApiProperty({ type: String, nullable: true }) directionName: string | null;
  @ApiProperty({ type: [String] }) objectives: string[];
  @ApiProperty({ type: [String] }) content: string[];
  @ApiProperty({ enum: ['offline', 'blended', 'online'] }) delivery: DeliveryMode;
  @ApiProperty({ type: Number }) hours: number;
  @ApiProperty({ type: Number }) creditMinutes: number;
  @ApiProperty({ type: Boolean }) hoursIsDefault: boolean;
  @ApiProperty({ enum: ['draft', 'published', 'archived'] }) status: CourseStatus;
  @ApiProperty({ type: Number, nullable: true }) version: number | null;
  @ApiProperty({ type: Number }) lessonCount: number;
  /** Staff views only: the course's owner (null: seeded, managed by all staff). */
  @ApiPropertyOptional({ type: String, nullable: true }) ownerId?: string | null;
}

export class CourseView extends CourseSummaryView {
  @ApiProperty({ type: () => [ModuleView] }) modules: ModuleView[];
  /** Trainer's draft view only: whether the draft differs from the latest published version. */
  @ApiPropertyOptional({ type: Boolean }) hasUnpublishedChanges?: boolean;
  /** Trainer's draft view only: the co-trainers, who manage the course like its owner. */
  @ApiPropertyOptional({ type: [String] }) trainerIds?: string[];
}

/** What a published version freezes: the course as students see it. */
export type CourseSnapshot = Omit<CourseView, 'status' | 'version' | 'hasUnpublishedChanges' | 'ownerId' | 'trainerIds'>;

export class CourseSystemView {
  @ApiProperty({ enum: ['practical', 'general', 'training', 'professional'] }) code: CourseSystemCode;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String }) description: string;
  @ApiProperty({ type: Number }) requiredHours: number;
  @ApiProperty({ type: Boolean }) requiredHoursIsDefault: boolean;
  @ApiProperty({ type: Number }) courseCount: number;
  @ApiProperty({ type: Number }) totalHours: number;
}

/** Minutes → hours, kept exact to the minute (two decimals). */
export function minutesToHours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

export class EnrollmentResultView {
  @ApiProperty({ type: Number }) enrolled: number;
  @ApiProperty({ type: Number }) alreadyEnrolled: number;
}

export class CourseTrainersView {
  @ApiProperty({ type: String, format: 'uuid' }) courseId: string;
  @ApiProperty({ type: String, nullable: true }) ownerId: string | null;
  @ApiProperty({ type: [String] }) trainerIds: string[];
}
