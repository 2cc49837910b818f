import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { currentRequestId } from '../common/request-context';
import { AuditFilter, AuditRepository } from './audit.repository';
import { AuditEntry } from './entities/audit-entry.entity';

export interface AuditEvent {
  /** The acting user's id; null for the system. */
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  changes?: Record<string, unknown>;
}

/**
 * The one writer of the audit log. Entries are written in the caller's transaction, so an action and
 * its audit line commit (or roll back) together; the request id comes from the request being served.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly repo: AuditRepository) {}

  record(tx: EntityManager, event: AuditEvent): Promise<void> {
    return this.recordMany(tx, [event]);
  }

  recordMany(tx: EntityManager, events: AuditEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    const requestId = currentRequestId();
    return this.repo.insertMany(
      tx,
      events.map((e) => ({
        actorId: e.actorId,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId ?? null,
        requestId,
        changes: e.changes ?? {},
      })),
    );
  }

  list(filter: AuditFilter): Promise<[AuditEntry[], number]> {
    return this.repo.list(filter);
  }
}
