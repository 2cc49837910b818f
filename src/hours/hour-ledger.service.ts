import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CatalogRepository } from '../catalog/catalog.repository';
import type { CourseSystemCode } from '../catalog/entities/course-system.entity';
import type { HourEntry, HourSource } from './entities/hour-entry.entity';
import { HoursRepository } from './hours.repository';

/** A source's credit of one reference to one student, as the source sees it now. */
export interface CreditRecord {
  studentId: string;
  systemCode: CourseSystemCode;
  /** The course the credit counts towards; its worth caps the student's credit from it. Null: no course (no cap). */
  courseId: string | null;
  /** The lesson the credit completes, if any. */
  lessonId?: string | null;
  source: Exclude<HourSource, 'adjustment'>;
  /** What is credited: `lesson` (completion, exam pass), `scenario` (drill), `class_session` (attendance). */
  referenceType: string;
  referenceId: string;
  /** The net minutes the source credits now: its full credit, or 0 when the credit went away. */
  minutes: number;
  /** Who caused the change (null: the system). */
  actorId?: string | null;
  /** Shown on the transcript for a credit, and for a reversal. */
  reason?: string | null;
  reversalReason?: string | null;
}

export interface RecordedCredit {
  /** What the ledger now holds for the reference (may be less than asked: the course's cap). */
  minutes: number;
  /** The entry written (its minutes are the change), or null when nothing changed. */
  entry: HourEntry | null;
}

export interface HourAdjustment {
  studentId: string;
  systemCode: CourseSystemCode;
  minutes: number;
  reason: string;
  actorId: string;
}

/**
 * The only writer of the hour ledger. A source (lesson completion, exam pass, drill pass,
 * attendance) tells it the net credit it owes a student for one reference; the ledger writes
 * the difference from what it holds as a new entry — a credit, or a reversing entry when the
 * credit went down or away — and never edits one. Recording the same net twice writes nothing.
 *
 * A student's writes are serialised by an advisory lock held to the end of the caller's
 * transaction, so the net read and the entry written cannot interleave with another source's.
 * Callers lock their own source row first and call this last (one lock order everywhere).
 * No course credits a student more than it is worth: a credit that would pass the course's
 * minutes is cut to what is left.
 */
@Injectable()
export class HourLedger {
  constructor(
    private readonly repo: HoursRepository,
    private readonly catalog: CatalogRepository,
  ) {}

  /**
   * Takes the student's ledger lock early, for a source that must read its own state (has the
   * student passed?) under it. `record` takes it too; taking it twice in a transaction is harmless.
   */
  lockStudent(tx: EntityManager, studentId: string): Promise<void> {
    return this.repo.lockStudent(tx, studentId);
  }

  async record(tx: EntityManager, r: CreditRecord): Promise<RecordedCredit> {
    if (!Number.isInteger(r.minutes) || r.minutes < 0) throw new Error(`credit minutes must be a whole number ≥ 0, got ${r.minutes}`);
    await this.repo.lockStudent(tx, r.studentId);
    const held = await this.repo.referenceState(tx, r.studentId, r.source, r.referenceType, r.referenceId);
    let target = r.minutes;
    if (r.courseId && target > held.net) {
      const worth = (await this.catalog.courseWorthMinutes(tx, r.courseId)) ?? 0;
      const fromOthers = (await this.repo.courseNet(tx, r.studentId, r.courseId)) - held.net;
      target = Math.max(held.net, Math.min(target, worth - fromOthers));
    }
    const delta = target - held.net;
    if (delta === 0) return { minutes: held.net, entry: null };
    const entry = await this.repo.append(tx, {
      studentId: r.studentId,
      systemCode: r.systemCode,
      minutes: delta,
      source: r.source,
      referenceType: r.referenceType,
      referenceId: r.referenceId,
      courseId: r.courseId,
      lessonId: r.lessonId ?? null,
      // Under the student's lock the count is exact; the unique key still stops a second writer.
      idempotencyKey: `${r.source}:${r.referenceType}:${r.referenceId}:${r.studentId}:${held.entries + 1}`,
      reason: (delta > 0 ? r.reason : r.reversalReason) ?? null,
      authorId: r.actorId ?? null,
    });
    return { minutes: entry ? target : held.net, entry };
  }

  /** A manual correction of a system's hours: always a new entry with its author and reason. */
  async adjust(tx: EntityManager, a: HourAdjustment): Promise<HourEntry> {
    await this.repo.lockStudent(tx, a.studentId);
    const entry = await this.repo.append(tx, {
      studentId: a.studentId,
      systemCode: a.systemCode,
      minutes: a.minutes,
      source: 'adjustment',
      referenceType: 'adjustment',
      idempotencyKey: `adjustment:${randomUUID()}`,
      reason: a.reason,
      authorId: a.actorId,
    });
    return entry as HourEntry;
  }
}
