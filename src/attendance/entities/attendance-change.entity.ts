import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AttendanceStatus } from './attendance.entity';

/** The history of an attendance record: every check-in and correction, with its author and ledger effect. */
@Entity('attendance_change')
@Index('ux_attendance_change_revision', ['attendanceId', 'revision'], { unique: true })
export class AttendanceChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'attendance_id', type: 'uuid' })
  attendanceId: string;

  /** The record's revision this change produced. */
  @Column({ type: 'int' })
  revision: number;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: AttendanceStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: AttendanceStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Minutes this change wrote to the ledger: positive credit, negative reversal, 0 for none. */
  @Column({ name: 'ledger_minutes', type: 'int', default: 0 })
  ledgerMinutes: number;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
