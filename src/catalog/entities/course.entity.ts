import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CourseSystemCode } from './course-system.entity';

export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];
export const DELIVERY_MODES = ['online', 'offline', 'blended'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** The editable draft of a course; students read frozen `CourseVersion` snapshots. */
@Entity('course')
@Index('ix_course_system_position', ['systemCode', 'position'])
export class Course {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'system_code', type: 'varchar', length: 32 })
  systemCode: CourseSystemCode;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  direction: string | null;

  @Column({ name: 'direction_name', type: 'varchar', length: 50, nullable: true })
  directionName: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  objectives: string[];

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  content: string[];

  @Column({ type: 'varchar', length: 16, default: 'online' })
  delivery: DeliveryMode;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: CourseStatus;

  /** Latest published version number, null until first publish. */
  @Column({ name: 'published_version', type: 'int', nullable: true })
  publishedVersion: number | null;

  /** Bumped by every draft edit; equal to `publishedRevision` when nothing is unpublished. */
  @Column({ name: 'draft_revision', type: 'int', default: 1 })
  draftRevision: number;

  @Column({ name: 'published_revision', type: 'int', nullable: true })
  publishedRevision: number | null;

  @Column({ type: 'int', default: 0 })
  position: number;

  @Column({ name: 'hours_is_default', type: 'boolean', default: false })
  hoursIsDefault: boolean;

  /** Stable key of seeded courses so the import is idempotent. */
  @Column({ name: 'seed_key', type: 'varchar', length: 120, nullable: true, unique: true })
  seedKey: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  /** The trainer who manages the course (its creator); null for seeded courses, which all staff manage. */
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
