import { ApiProperty } from '@nestjs/swagger';
import type { CourseSystemCode } from '../catalog/entities/course-system.entity';
import type { HourEntry, HourSource } from './entities/hour-entry.entity';

export class HourEntryView {
  @ApiProperty({ type: String }) id: string;
  @ApiProperty({ enum: ['practical', 'general', 'training', 'professional'] }) systemCode: CourseSystemCode;
  @ApiProperty({ type: Number }) minutes: number;
  @ApiProperty({ enum: ['lesson_completion', 'exam_pass', 'drill_pass', 'attendance', 'adjustment'] }) source: HourSource;
  @ApiProperty({ type: String, nullable: true }) referenceType: string | null;
  @ApiProperty({ type: String, nullable: true }) referenceId: string | null;
  /** The course the entry counts towards, and the lesson it completes (null for adjustments). */
  @ApiProperty({ type: String, nullable: true }) courseId: string | null;
  @ApiProperty({ type: String, nullable: true }) lessonId: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, nullable: true }) authorId: string | null;
  @ApiProperty({ type: String }) createdAt: string;
}

export class TranscriptView {
  @ApiProperty({ type: String }) studentId: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) systems: Array<{ code: CourseSystemCode; name: string; requiredHours: number; creditedMinutes: number; creditedHours: number; met: boolean }>;
  @ApiProperty({ type: () => [HourEntryView] }) entries: HourEntryView[];
  @ApiProperty({ type: Number }) totalEntries: number;
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


