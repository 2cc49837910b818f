import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CourseSystemCode } from '../../catalog/entities/course-system.entity';

export const PLAYBACK_SESSION_STATUSES = ['active', 'ended', 'revoked'] as const;
export type PlaybackSessionStatus = (typeof PLAYBACK_SESSION_STATUSES)[number];

/**
 * A student watching one lesson's video. At most one is active per student (a partial unique
 * index): opening another ends this one, whose heartbeats are then refused. The lesson's terms
 * (duration, skipping, credit, system) are frozen at opening from the published version the
 * student sees, so a heartbeat needs no catalogue lookup. Unenrolment revokes the student's sessions
 * of the course: their heartbeats and stream links are refused (403 PLAYBACK_ACCESS_REVOKED).
 */
@Entity('playback_session')
@Index('ix_playback_session_progress', ['studentId', 'lessonId'])
@Index('ix_playback_session_course_student', ['courseId', 'studentId'])
export class PlaybackSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'student_id', type: 'uuid' })
  studentId: string;

  @Column({ name: 'lesson_id', type: 'uuid' })
  lessonId: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'media_id', type: 'uuid' })
  mediaId: string;

  @Column({ name: 'system_code', type: 'varchar', length: 32 })
  systemCode: CourseSystemCode;

  @Column({ name: 'duration_seconds', type: 'int' })
  durationSeconds: number;

  @Column({ name: 'allow_skip_ahead', type: 'boolean' })
  allowSkipAhead: boolean;

  @Column({ name: 'credit_minutes', type: 'int' })
  creditMinutes: number;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: PlaybackSessionStatus;

  /** Highest client sequence number accepted; a repeated or older one credits nothing. */
  @Column({ name: 'last_client_seq', type: 'int', default: -1 })
  lastClientSeq: number;

  /** Server time of the last accepted heartbeat (or of the opening): the budget's starting point. */
  @Column({ name: 'last_heartbeat_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  lastHeartbeatAt: Date;

  @Column({ name: 'heartbeat_count', type: 'int', default: 0 })
  heartbeatCount: number;

  @Column({ name: 'credited_seconds', type: 'double precision', default: 0 })
  creditedSeconds: number;

  @Column({ name: 'opened_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  openedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
