import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { minutesToHours } from '../catalog/catalog.views';
import { CourseDirectory } from '../catalog/course-directory.service';
import { inTransaction } from '../common/transaction';
import type { AuthUser } from '../identity/auth.decorators';
import { UserDirectory } from '../identity/user-directory.service';
import { HourAdjustmentDto } from './dto/hours.dto';
import { HourEntry } from './entities/hour-entry.entity';
import { studentNotFound } from './hours.errors';
import { HourLedger } from './hour-ledger.service';
import { HoursRepository } from './hours.repository';
import { toHourEntryView, TranscriptView } from './hours.views';

@Injectable()
export class HoursService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: HoursRepository,
    private readonly ledger: HourLedger,
    private readonly audit: AuditLog,
    private readonly users: UserDirectory,
    private readonly courses: CourseDirectory,
  ) {}

  /** Per system: credited against required, with the entries behind the figures (newest first). */
  async transcript(studentId: string, limit: number, offset: number): Promise<TranscriptView> {
    if (!(await this.users.student(studentId))) throw studentNotFound();
    const [systems, minutes, [entries, total]] = await Promise.all([
      this.courses.requiredHours(),
      this.repo.minutesBySystem(studentId),
      this.repo.entries(studentId, limit, offset),
    ]);
    return {
      studentId,
      systems: systems.map((s) => {
        const creditedMinutes = minutes.get(s.code) ?? 0;
        return { ...s, creditedMinutes, creditedHours: minutesToHours(creditedMinutes), met: creditedMinutes >= s.requiredHours * 60 };
      }),
      entries: entries.map(toHourEntryView),
      totalEntries: total,
    };
  }

  /** A manual correction: always a new entry, recorded with its author and reason. */
  async adjust(studentId: string, dto: HourAdjustmentDto, actor: AuthUser): Promise<HourEntry> {
    if (!(await this.users.student(studentId))) throw studentNotFound();
    return inTransaction(this.ds, async (tx) => {
      const entry = await this.ledger.adjust(tx, { studentId, systemCode: dto.system, minutes: dto.minutes, reason: dto.reason, actorId: actor.id });
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'hours.adjust',
        targetType: 'user',
        targetId: studentId,
        changes: { entryId: entry.id, system: dto.system, minutes: dto.minutes, reason: dto.reason },
      });
      return entry;
    });
  }
}
