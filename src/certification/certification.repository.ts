import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Rule } from '@lms/eligibility';
import { DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { returnedRows } from '../common/returned-rows';
import { Certificate, CertificateStatus } from './entities/certificate.entity';
import { CertificationTier } from './entities/certification-tier.entity';
import { SigningKey } from './entities/signing-key.entity';

export interface TierWithRules {
  code: string;
  name: string;
  level: number;
  ruleVersion: number;
  validityMonths: number | null;
  rules: Rule[];
  updatedAt: Date;
}

export type NewCertificate = Pick<
  Certificate,
  | 'serial'
  | 'tierCode'
  | 'serialYear'
  | 'serialNo'
  | 'studentId'
  | 'verificationCode'
  | 'issuedAt'
  | 'expiresAt'
  | 'ruleVersion'
  | 'checks'
  | 'facts'
  | 'overrideReason'
  | 'issuedBy'
>;

export interface CertificateFilter {
  studentIds?: string[];
  tierCode?: string;
  status?: CertificateStatus;
  limit: number;
  offset: number;
}

export interface VerificationRecord {
  serial: string;
  tierCode: string;
  tierName: string;
  status: CertificateStatus;
  studentId: string;
  issuedAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** `expired` is a stored status only once noticed; reads derive it from the expiry so no sweep is needed. */
const EFFECTIVE_STATUS = `CASE WHEN c.status = 'valid' AND c.expires_at IS NOT NULL AND c.expires_at <= now() THEN 'expired' ELSE c.status END`;

@Injectable()
export class CertificationRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  tiers(tx: EntityManager | DataSource = this.ds): Promise<TierWithRules[]> {
    return tx.query(
      `SELECT t.code, t.name, t.level, t.rule_version AS "ruleVersion", t.validity_months AS "validityMonths", t.updated_at AS "updatedAt", v.rules
         FROM certification_tier t JOIN tier_rule_version v ON v.tier_code = t.code AND v.version = t.rule_version
        ORDER BY t.level`,
    );
  }

  /** Locks the tier row: rule edits and issuing under the tier's rules queue behind each other. */
  async lockTier(tx: EntityManager, code: string): Promise<CertificationTier | null> {
    return tx.getRepository(CertificationTier).findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  async addRuleVersion(tx: EntityManager, code: string, version: number, rules: Rule[], validityMonths: number | null, authorId: string): Promise<void> {
    await tx.query(`INSERT INTO tier_rule_version (tier_code, version, rules, created_by) VALUES ($1, $2, $3::jsonb, $4)`, [
      code,
      version,
      JSON.stringify(rules),
      authorId,
    ]);
    await tx.query(`UPDATE certification_tier SET rule_version = $2, validity_months = $3, updated_at = now() WHERE code = $1`, [
      code,
      version,
      validityMonths,
    ]);
  }

  /** Every certificate of the students with its effective status, for reports (one query). */
  certificatesOf(studentIds: string[]): Promise<Array<{ studentId: string; tierCode: string; status: string; issuedAt: Date }>> {
    if (studentIds.length === 0) return Promise.resolve([]);
    return this.ds.query(
      `SELECT c.student_id AS "studentId", c.tier_code AS "tierCode", ${EFFECTIVE_STATUS} AS status, c.issued_at AS "issuedAt"
         FROM certificate c WHERE c.student_id = ANY($1::uuid[]) ORDER BY c.issued_at`,
      [studentIds],
    );
  }

  /** Tier codes each student holds a valid, unexpired certificate of. */
  async heldTiers(studentIds: string[], tx: EntityManager | DataSource = this.ds): Promise<Map<string, string[]>> {
    const held = new Map<string, string[]>();
    if (studentIds.length === 0) return held;
    const rows: Array<{ studentId: string; tierCode: string }> = await tx.query(
      `SELECT c.student_id AS "studentId", c.tier_code AS "tierCode" FROM certificate c
        WHERE c.student_id = ANY($1::uuid[]) AND ${EFFECTIVE_STATUS} = 'valid'`,
      [studentIds],
    );
    for (const r of rows) held.set(r.studentId, [...(held.get(r.studentId) ?? []), r.tierCode]);
    return held;
  }

  /**
   * Reserves `count` consecutive serial numbers of a tier and year and answers the first. The counter
   * row stays locked until the caller commits, and a rollback gives the numbers back: no gaps.
   */
  async reserveSerials(tx: EntityManager, tierCode: string, year: number, count: number): Promise<number> {
    const rows: Array<{ lastNo: number }> = await tx.query(
      `INSERT INTO certificate_serial (tier_code, year, last_no) VALUES ($1, $2, $3)
       ON CONFLICT (tier_code, year) DO UPDATE SET last_no = certificate_serial.last_no + EXCLUDED.last_no
       RETURNING last_no AS "lastNo"`,
      [tierCode, year, count],
    );
    return rows[0].lastNo - count + 1;
  }

  /** Serialises issuing per student and tier, so concurrent requests see each other's certificate. */
  async lockHolders(tx: EntityManager, studentIds: string[], tierCode: string): Promise<void> {
    // Sorted, so two batches over overlapping students take the locks in the same order.
    await tx.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('certificate:' || id || ':' || $2, 0)) FROM unnest($1::text[]) AS id ORDER BY id`,
      [[...studentIds].sort(), tierCode],
    );
  }

  /** Marks lapsed certificates of the tier expired, so that they no longer block a new one. */
  async expireLapsed(tx: EntityManager, studentIds: string[], tierCode: string): Promise<void> {
    await tx.query(
      `UPDATE certificate SET status = 'expired' WHERE student_id = ANY($1::uuid[]) AND tier_code = $2 AND status = 'valid' AND expires_at <= now()`,
      [studentIds, tierCode],
    );
  }

  /** Serials of the valid certificates of the tier the students hold, by student. */
  async validSerials(tx: EntityManager, studentIds: string[], tierCode: string): Promise<Map<string, string>> {
    const rows: Array<{ studentId: string; serial: string }> = await tx.query(
      `SELECT student_id AS "studentId", serial FROM certificate WHERE student_id = ANY($1::uuid[]) AND tier_code = $2 AND status = 'valid'`,
      [studentIds, tierCode],
    );
    return new Map(rows.map((r) => [r.studentId, r.serial]));
  }

  async insertMany(tx: EntityManager, certs: NewCertificate[]): Promise<Certificate[]> {
    const ids: string[] = [];
    for (let i = 0; i < certs.length; i += 500) {
      const result = await tx
        .createQueryBuilder()
        .insert()
        .into(Certificate)
        .values(certs.slice(i, i + 500) as QueryDeepPartialEntity<Certificate>[])
        .returning('id')
        .execute();
      ids.push(...(result.raw as Array<{ id: string }>).map((r) => r.id));
    }
    return ids.length ? tx.getRepository(Certificate).findBy({ id: In(ids) }) : [];
  }

  findById(id: string, tx: EntityManager | DataSource = this.ds): Promise<Certificate | null> {
    return tx.getRepository(Certificate).findOneBy({ id });
  }

  /** What public verification shows, with the tier's name, in one indexed read (the hot public path). */
  async verificationRecord(serial: string): Promise<VerificationRecord | null> {
    const rows: VerificationRecord[] = await this.ds.query(
      `SELECT c.serial, c.tier_code AS "tierCode", t.name AS "tierName", c.status, c.student_id AS "studentId",
              c.issued_at AS "issuedAt", c.expires_at AS "expiresAt", c.revoked_at AS "revokedAt"
         FROM certificate c JOIN certification_tier t ON t.code = c.tier_code WHERE c.serial = $1`,
      [serial],
    );
    return rows[0] ?? null;
  }

  findBySerial(serial: string): Promise<Certificate | null> {
    return this.ds.getRepository(Certificate).findOneBy({ serial });
  }

  lockCertificate(tx: EntityManager, id: string): Promise<Certificate | null> {
    return tx.getRepository(Certificate).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async revoke(tx: EntityManager, id: string, actorId: string, reason: string): Promise<void> {
    await tx.query(`UPDATE certificate SET status = 'revoked', revoked_at = now(), revoked_by = $2, revoke_reason = $3 WHERE id = $1`, [id, actorId, reason]);
  }

  async list(filter: CertificateFilter): Promise<[Certificate[], number]> {
    const qb = this.ds.getRepository(Certificate).createQueryBuilder('c');
    if (filter.studentIds) qb.andWhere('c.studentId = ANY(:studentIds)', { studentIds: filter.studentIds });
    if (filter.tierCode) qb.andWhere('c.tierCode = :tierCode', { tierCode: filter.tierCode });
    if (filter.status) qb.andWhere(`${EFFECTIVE_STATUS} = :status`, { status: filter.status });
    return qb.orderBy('c.issuedAt', 'DESC').addOrderBy('c.serial', 'ASC').take(filter.limit).skip(filter.offset).getManyAndCount();
  }

  forStudent(studentId: string): Promise<Certificate[]> {
    return this.ds.getRepository(Certificate).find({ where: { studentId }, order: { issuedAt: 'DESC', serial: 'ASC' } });
  }

  /** Status-list bits of revoked certificates. */
  async revokedIndices(): Promise<number[]> {
    const rows: Array<{ statusIndex: number }> = await this.ds.query(`SELECT status_index AS "statusIndex" FROM certificate WHERE status = 'revoked'`);
    return rows.map((r) => r.statusIndex);
  }

  publishedKeys(): Promise<SigningKey[]> {
    return this.ds.getRepository(SigningKey).find({ order: { createdAt: 'ASC' } });
  }

  activeKey(): Promise<SigningKey | null> {
    return this.ds
      .getRepository(SigningKey)
      .createQueryBuilder('k')
      .addSelect('k.sealedPrivateKey')
      .where('k.retiredAt IS NULL')
      .getOne();
  }

  /** Retires the active key and makes `key` the one that signs; answers the retired key's id. */
  async rotateKey(tx: EntityManager, key: Pick<SigningKey, 'kid' | 'publicJwk' | 'sealedPrivateKey'>): Promise<string | null> {
    const [retired] = returnedRows<{ kid: string }>(await tx.query(`UPDATE signing_key SET retired_at = now() WHERE retired_at IS NULL RETURNING kid`));
    await tx.getRepository(SigningKey).insert(key as QueryDeepPartialEntity<SigningKey>);
    return retired?.kid ?? null;
  }

  /** Adds the first key unless another replica already did; true when this one won. */
  async insertFirstKey(key: Pick<SigningKey, 'kid' | 'publicJwk' | 'sealedPrivateKey'>): Promise<boolean> {
    const rows = await this.ds.query(
      `INSERT INTO signing_key (kid, public_jwk, sealed_private_key) VALUES ($1, $2::jsonb, $3) ON CONFLICT DO NOTHING RETURNING kid`,
      [key.kid, JSON.stringify(key.publicJwk), key.sealedPrivateKey],
    );
    return rows.length > 0;
  }
}
