import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEntry } from './entities/audit-entry.entity';

export type NewAuditEntry = Pick<AuditEntry, 'actorId' | 'action' | 'targetType' | 'targetId' | 'requestId' | 'changes'>;

export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insertMany(tx: EntityManager, entries: NewAuditEntry[]): Promise<void> {
    // Chunked so that a batch of 1,000 certificates stays under PostgreSQL's 65,535 parameters.
    for (let i = 0; i < entries.length; i += 1000) {
      await tx.createQueryBuilder().insert().into(AuditEntry).values(entries.slice(i, i + 1000) as QueryDeepPartialEntity<AuditEntry>[]).execute();
    }
  }

  list(filter: AuditFilter): Promise<[AuditEntry[], number]> {
    const qb = this.ds.getRepository(AuditEntry).createQueryBuilder('a');
    if (filter.actorId) qb.andWhere('a.actorId = :actorId', { actorId: filter.actorId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.targetId) qb.andWhere('a.targetId = :targetId', { targetId: filter.targetId });
    if (filter.from) qb.andWhere('a.createdAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.createdAt < :to', { to: filter.to });
    return qb.orderBy('a.createdAt', 'DESC').addOrderBy('a.id', 'ASC').take(filter.limit).skip(filter.offset).getManyAndCount();
  }
}
