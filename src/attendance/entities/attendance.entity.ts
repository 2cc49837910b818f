import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ATTENDANCE_STATUSES = ['present', 'late', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_SOURCES = ['check_in', 'trainer'] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

/**
 * A student's attendance at one class session. `revision` counts its changes and is part
 * of the idempotency keys of the ledger entries they write; `creditedMinutes` is what the
 * ledger currently holds for it (the sum of its entries), so a reversal takes back exactly that.
 */
@Entity('attendance')
@Index('ux_attendance_session_student', ['sessionId', 'studentId'], { unique: true })
@Index('ix_attendance_student', ['studentId'])
export class Attendance {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId: string;

  @Column({ name: 'student_id', type: 'uuid' })
  studentId: string;

  @Column({ type: 'varchar', length: 16 })
  status: AttendanceStatus;

  /** Who set the current status: the student's own check-in or a trainer's correction. */
  @Column({ type: 'varchar', length: 16 })
  source: AttendanceSource;

  @Column({ name: 'checked_in_at', type: 'timestamptz', nullable: true })
  checkedInAt: Date | null;

  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ name: 'credited_minutes', type: 'int', default: 0 })
  creditedMinutes: number;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
