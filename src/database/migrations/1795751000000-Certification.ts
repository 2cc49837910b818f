import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tiers with versioned rules, certificates with gapless per-tier-and-year serials, and the issuer's
 * signing keys (private halves sealed, never in plain text).
 */
export class Certification1795751000000 implements MigrationInterface {
  name = 'Certification1795751000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "certification_tier" (
      "code" varchar(16) NOT NULL,
      "name" varchar(50) NOT NULL,
      "level" int NOT NULL,
      "rule_version" int NOT NULL,
      "validity_months" int,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_certification_tier" PRIMARY KEY ("code"),
      CONSTRAINT "uq_certification_tier_level" UNIQUE ("level"),
      CONSTRAINT "ck_certification_tier_validity" CHECK ("validity_months" IS NULL OR "validity_months" > 0))`);
    await q.query(`CREATE TABLE "tier_rule_version" (
      "tier_code" varchar(16) NOT NULL,
      "version" int NOT NULL,
      "rules" jsonb NOT NULL,
      "created_by" uuid,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "pk_tier_rule_version" PRIMARY KEY ("tier_code", "version"),
      CONSTRAINT "fk_tier_rule_version_tier" FOREIGN KEY ("tier_code") REFERENCES "certification_tier"("code"),
      CONSTRAINT "fk_tier_rule_version_author" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"))`);
    // The design's default rules, as version 1 of each tier (admins edit them into new versions).
    await q.query(`INSERT INTO "certification_tier" ("code", "name", "level", "rule_version") VALUES
      ('cxo-1', '阿里巴巴一段客户体验官', 1, 1),
      ('cxo-2', '阿里巴巴二段客户体验官', 2, 1),
      ('cxo-3', '阿里巴巴三段客户体验官', 3, 1)`);
    await q.query(`INSERT INTO "tier_rule_version" ("tier_code", "version", "rules") VALUES
      ('cxo-1', 1, '[{"kind": "hours", "system": "practical", "minHours": 64}, {"kind": "exam", "tier": "cxo-1", "minScore": 80}]'::jsonb),
      ('cxo-2', 1, '[{"kind": "holds_tier", "tier": "cxo-1"}, {"kind": "drills", "minPassed": 30}, {"kind": "hours", "system": "general", "minHours": 20}, {"kind": "exam", "tier": "cxo-2", "minScore": 85}]'::jsonb),
      ('cxo-3', 1, '[{"kind": "holds_tier", "tier": "cxo-2"}, {"kind": "direction"}, {"kind": "hours", "system": "general", "minHours": 40}, {"kind": "exam", "tier": "cxo-3", "minScore": 90}]'::jsonb)`);
    await q.query(`CREATE TABLE "certificate_serial" (
      "tier_code" varchar(16) NOT NULL,
      "year" int NOT NULL,
      "last_no" int NOT NULL,
      CONSTRAINT "pk_certificate_serial" PRIMARY KEY ("tier_code", "year"),
      CONSTRAINT "fk_certificate_serial_tier" FOREIGN KEY ("tier_code") REFERENCES "certification_tier"("code"))`);
    await q.query(`CREATE SEQUENCE "certificate_status_index_seq" MINVALUE 0 START 0`);
    await q.query(`CREATE TABLE "certificate" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "serial" varchar(32) NOT NULL,
      "tier_code" varchar(16) NOT NULL,
      "serial_year" int NOT NULL,
      "serial_no" int NOT NULL,
      "student_id" uuid NOT NULL,
      "status" varchar(16) NOT NULL DEFAULT 'valid',
      "verification_code" varchar(40) NOT NULL,
      "status_index" int NOT NULL DEFAULT nextval('certificate_status_index_seq'),
      "issued_at" timestamptz NOT NULL,
      "expires_at" timestamptz,
      "rule_version" int NOT NULL,
      "checks" jsonb NOT NULL,
      "facts" jsonb NOT NULL,
      "override_reason" text,
      "issued_by" uuid,
      "revoked_at" timestamptz,
      "revoked_by" uuid,
      "revoke_reason" text,
      CONSTRAINT "pk_certificate" PRIMARY KEY ("id"),
      CONSTRAINT "uq_certificate_serial" UNIQUE ("serial"),
      CONSTRAINT "uq_certificate_tier_year_no" UNIQUE ("tier_code", "serial_year", "serial_no"),
      CONSTRAINT "uq_certificate_verification_code" UNIQUE ("verification_code"),
      CONSTRAINT "uq_certificate_status_index" UNIQUE ("status_index"),
      CONSTRAINT "ck_certificate_status" CHECK ("status" IN ('valid', 'revoked', 'expired')),
      CONSTRAINT "ck_certificate_revocation" CHECK (("status" = 'revoked') = ("revoked_at" IS NOT NULL)),
      CONSTRAINT "fk_certificate_tier" FOREIGN KEY ("tier_code") REFERENCES "certification_tier"("code"),
      CONSTRAINT "fk_certificate_rules" FOREIGN KEY ("tier_code", "rule_version") REFERENCES "tier_rule_version"("tier_code", "version"),
      CONSTRAINT "fk_certificate_student" FOREIGN KEY ("student_id") REFERENCES "app_user"("id"),
      CONSTRAINT "fk_certificate_issuer" FOREIGN KEY ("issued_by") REFERENCES "app_user"("id"),
      CONSTRAINT "fk_certificate_revoker" FOREIGN KEY ("revoked_by") REFERENCES "app_user"("id"))`);
    // One valid certificate per student and tier, also under concurrent issuing.
    await q.query(`CREATE UNIQUE INDEX "ux_certificate_valid_holder" ON "certificate" ("student_id", "tier_code") WHERE "status" = 'valid'`);
    await q.query(`CREATE INDEX "ix_certificate_tier_status" ON "certificate" ("tier_code", "status")`);
    await q.query(`CREATE TABLE "signing_key" (
      "kid" varchar(64) NOT NULL,
      "public_jwk" jsonb NOT NULL,
      "sealed_private_key" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "retired_at" timestamptz,
      CONSTRAINT "pk_signing_key" PRIMARY KEY ("kid"))`);
    // At most one key signs at a time; retired keys stay published so earlier credentials verify.
    await q.query(`CREATE UNIQUE INDEX "ux_signing_key_active" ON "signing_key" ((true)) WHERE "retired_at" IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "signing_key"`);
    await q.query(`DROP TABLE "certificate"`);
    await q.query(`DROP SEQUENCE "certificate_status_index_seq"`);
    await q.query(`DROP TABLE "certificate_serial"`);
    await q.query(`DROP TABLE "tier_rule_version"`);
    await q.query(`DROP TABLE "certification_tier"`);
  }
}
