import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { inTransaction } from '../common/transaction';
import type { AuthUser } from '../identity/auth.decorators';
import { unknownSystem } from './catalog.errors';
import { CatalogRepository } from './catalog.repository';
import type { CourseSystemView } from './catalog.views';

/** The four course systems' required hours: the seed's figures are defaults an admin may change (audited). */
@Injectable()
export class CourseSystemsService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: CatalogRepository,
    private readonly audit: AuditLog,
  ) {}

  async setRequiredHours(code: string, requiredHours: number, actor: AuthUser): Promise<CourseSystemView> {
    await inTransaction(this.ds, async (tx) => {
      const before = await this.repo.lockSystem(tx, code);
      if (before === null) throw unknownSystem(code);
      await this.repo.setRequiredHours(tx, code, requiredHours);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'course_system.required_hours',
        targetType: 'course_system',
        targetId: code,
        changes: { before, after: requiredHours },
      });
    });
    return (await this.repo.listSystems()).find((s) => s.code === code)!;
  }
}
