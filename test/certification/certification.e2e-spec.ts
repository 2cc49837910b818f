import { decodeStatusList, isBitSet } from '@lms/certificate';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { auth, cohortIdOf, makeChoiceBank, makeExam, makeStudents, Student, waitFor } from '../support/exam-fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** Tiers, eligibility, issuing, revoking, public verification, credentials and PDFs, through the API. */
describe('certification', () => {
  let t: TestApp;
  let admin: string;
  let trainer: string;
  let students: Student[];
  let cohortId: string;
  let tierExamId: string;

  const get = (path: string, token?: string) => (token ? t.http().get(path).set(auth(token)) : t.http().get(path));
  const post = (path: string, token: string, body?: object) => t.http().post(path).set(auth(token)).send(body);
  const put = (path: string, token: string, body?: object) => t.http().put(path).set(auth(token)).send(body);

  const giveHours = (studentId: string, system: string, minutes: number) =>
    post(`/api/students/${studentId}/hour-adjustments`, admin, { system, minutes, reason: '测试补录学时' }).expect(201);

  /** Starts the tier exam, answers every question with the key ("A") and waits for the grade. */
  async function passTierExam(s: Student): Promise<void> {
    const attempt = (await post(`/api/exams/${tierExamId}/attempts`, s.token).expect(201)).body;
    for (const q of attempt.questions) await put(`/api/attempts/${attempt.id}/answers/${q.id}`, s.token, { answer: 'A', clientSeq: 1 }).expect(200);
    await post(`/api/attempts/${attempt.id}/submit`, s.token).expect(202);
    await waitFor('graded', async () => (await get(`/api/attempts/${attempt.id}`, s.token)).body.status === 'graded');
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { ATTEMPT_SWEEP_INTERVAL_MS: '200', VERIFY_PER_MINUTE: '40' } });
    admin = await t.login('admin');
    trainer = await t.login('trainer1');
    students = await makeStudents(t, admin, 6, 'cert', '认证测试队列');
    cohortId = await cohortIdOf(t, admin, '认证测试队列');
    const bank = await makeChoiceBank(t, trainer, 5, '一段');
    await t.http().patch(`/api/question-banks/${bank.id}`).set(auth(trainer)).send({ shared: true });
    tierExamId = (await makeExam(t, trainer, { title: '一段认证考试（测试）', draw: [{ bankId: bank.id, count: 5 }], passScore: 80, tierCode: 'cxo-1' })).id;
    await t.http().patch(`/api/users/${students[0].id}`).set(auth(admin)).send({ displayName: '张小三' }).expect(200);
  });
  afterAll(() => t.close());

  it('lists the three tiers with the design’s default rules for everyone', async () => {
    const res = await get('/api/certification/tiers', students[0].token).expect(200);
    expect(res.body.map((x: { code: string }) => x.code)).toEqual(['cxo-1', 'cxo-2', 'cxo-3']);
    expect(res.body[0]).toMatchObject({
      name: '阿里巴巴一段客户体验官',
      ruleVersion: 1,
      rules: [
        { kind: 'hours', system: 'practical', minHours: 64 },
        { kind: 'exam', tier: 'cxo-1', minScore: 80 },
      ],
    });
  });

  it('refuses the tier exam to a student who misses its other rules, naming them', async () => {
    const res = await post(`/api/exams/${tierExamId}/attempts`, students[5].token).expect(403);
    expect(res.body.code).toBe('TIER_EXAM_NOT_ELIGIBLE');
    expect(res.body.unmet.map((c: { message: string }) => c.message)).toEqual(['实务技巧学时还差 64 小时']);
  });

  it('explains each rule per student; a student reads only their own', async () => {
    const [s0, s1, s2] = students;
    for (const s of [s0, s1, s2]) await giveHours(s.id, 'practical', 64 * 60);
    await passTierExam(s0);
    await passTierExam(s1);
    const mine = await get(`/api/students/${s0.id}/eligibility`, s0.token).expect(200);
    const cxo1 = mine.body.tiers.find((x: { tierCode: string }) => x.tierCode === 'cxo-1');
    expect(cxo1).toMatchObject({ eligible: true, held: false, unmet: [] });
    expect(cxo1.checks.map((c: { met: boolean }) => c.met)).toEqual([true, true]);
    const other = await get(`/api/students/${s2.id}/eligibility`, trainer).expect(200);
    expect(other.body.tiers[0].unmet.map((c: { message: string }) => c.message)).toEqual(['尚未参加一段认证考试']);
    expect((await get(`/api/students/${s2.id}/eligibility`, s0.token).expect(403)).body.code).toBe('NOT_YOUR_ELIGIBILITY');
  });

  it('shows the cohort board: who is eligible for what and what the others miss', async () => {
    const res = await get(`/api/certification/eligibility?cohortId=${cohortId}&tierCode=cxo-1`, admin).expect(200);
    expect(res.body.tiers).toEqual([expect.objectContaining({ code: 'cxo-1', eligible: 2, held: 0 })]);
    const row = (i: number) => res.body.students.find((r: { studentId: string }) => r.studentId === students[i].id).tiers[0];
    expect(row(0)).toMatchObject({ eligible: true, held: false, missing: [] });
    expect(row(3).missing).toEqual(['实务技巧学时还差 64 小时', '尚未参加一段认证考试']);
    await get(`/api/certification/eligibility?cohortId=${cohortId}`, students[0].token).expect(403);
  });

  it('refuses to issue to a student who is not eligible unless an admin overrides with a reason', async () => {
    const s3 = students[3];
    const refused = await post('/api/certificates', admin, { studentId: s3.id, tierCode: 'cxo-1' }).expect(422);
    expect(refused.body.code).toBe('NOT_ELIGIBLE');
    expect(refused.body.unmet).toHaveLength(2);
    expect((await post('/api/certificates', admin, { studentId: s3.id, tierCode: 'cxo-1', override: {} }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await post('/api/certificates', trainer, { studentId: s3.id, tierCode: 'cxo-1', override: { reason: '线下考核通过' } }).expect(403);
    const issued = await post('/api/certificates', admin, { studentId: s3.id, tierCode: 'cxo-1', override: { reason: '线下考核通过' } }).expect(201);
    expect(issued.body).toMatchObject({ tierCode: 'cxo-1', status: 'valid', overrideReason: '线下考核通过', ruleVersion: 1 });
    expect(issued.body.serial).toMatch(/^CXO1-\d{4}-\d{6}$/);
    const audit = await get(`/api/audit?action=certificate.issue_override&targetId=${issued.body.id}`, admin).expect(200);
    expect(audit.body.items).toEqual([expect.objectContaining({ targetType: 'certificate', changes: expect.objectContaining({ overrideReason: '线下考核通过' }) })]);
    expect(audit.body.items[0].requestId).toEqual(expect.any(String));
  });

  it('issues a cohort in one batch: exactly the eligible students who do not hold the tier', async () => {
    const res = await post('/api/certificates/batch', admin, { tierCode: 'cxo-1', cohortId }).expect(200);
    const outcome = (i: number) => res.body.results.find((r: { studentId: string }) => r.studentId === students[i].id);
    expect(outcome(0)).toMatchObject({ outcome: 'issued', serial: expect.stringMatching(/^CXO1-/) });
    expect(outcome(1)).toMatchObject({ outcome: 'issued' });
    expect(outcome(2)).toMatchObject({ outcome: 'skipped', reason: 'not_eligible', missing: ['尚未参加一段认证考试'] });
    expect(outcome(3)).toMatchObject({ outcome: 'skipped', reason: 'already_held' });
    expect(res.body).toMatchObject({ issued: 2, skipped: 4 });
    const again = await post('/api/certificates/batch', admin, { tierCode: 'cxo-1', cohortId }).expect(200);
    expect(again.body.issued).toBe(0);
    const mine = await get('/api/me/certificates', students[0].token).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ tierCode: 'cxo-1', studentName: '张小三', status: 'valid' })]);
  });

  it('gives one certificate when the same student and tier are issued 10 times at once', async () => {
    const s4 = students[4];
    const results = await Promise.all(
      Array.from({ length: 10 }, () => post('/api/certificates', admin, { studentId: s4.id, tierCode: 'cxo-2', override: { reason: '并发测试' } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'CERTIFICATE_ALREADY_HELD')).toBe(true);
    const list = await get(`/api/certificates?cohortId=${cohortId}&tierCode=cxo-2`, admin).expect(200);
    expect(list.body.total).toBe(1);
  });

  it('gives 50 concurrent issues of one tier to 50 students 50 distinct, gapless serials', async () => {
    const many = await makeStudents(t, admin, 50, 'bulk', '并发颁证队列');
    const results = await Promise.all(many.map((s) => post('/api/certificates', admin, { studentId: s.id, tierCode: 'cxo-3', override: { reason: '并发测试' } })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = results.map((r) => Number((r.body.serial as string).slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  describe('verification, revocation, credentials and PDFs', () => {
    let cert: { id: string; serial: string };

    beforeAll(async () => {
      cert = (await get('/api/me/certificates', students[0].token)).body[0];
    });

    it('verifies a valid serial publicly with the holder’s name masked, and reveals nothing about unknown ones', async () => {
      const res = await get(`/api/verify/${cert.serial}`).expect(200);
      expect(res.body).toMatchObject({ serial: cert.serial, tierName: '阿里巴巴一段客户体验官', status: 'valid', holderName: '张*三' });
      expect(JSON.stringify(res.body)).not.toContain('张小三');
      const unknown = await get('/api/verify/CXO1-2022-999999').expect(404);
      expect(unknown.body).toEqual({ statusCode: 404, code: 'SERIAL_NOT_FOUND', message: expect.any(String) });
      expect((await get('/api/verify/not-a-serial').expect(404)).body.code).toBe('SERIAL_NOT_FOUND');
      const page = await get(`/verify/${cert.serial}`).expect(200).expect('Content-Type', /html/);
      expect(page.text).toContain('张*三');
      expect(page.text).toContain('有效');
      expect(page.text).not.toContain('张小三');
      expect((await get('/verify/CXO1-2022-999999').expect(404)).text).toContain('未找到该证书');
    });

    it('signs an Open Badges 3.0 credential that verifies against the published JWKS, and not when tampered with', async () => {
      const res = await get(`/api/certificates/${cert.id}/credential`, students[0].token).expect(200);
      const jwks = createLocalJWKSet((await get('/.well-known/jwks.json').expect(200)).body);
      const { payload, protectedHeader } = await jwtVerify(res.body.jwt, jwks);
      expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt', kid: expect.any(String) });
      expect(payload['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', expect.stringContaining('purl.imsglobal.org/spec/ob/v3p0')]);
      expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
      expect(payload).toMatchObject({
        validFrom: expect.any(String),
        credentialSubject: { type: ['AchievementSubject'], achievement: { type: ['Achievement'], name: '阿里巴巴一段客户体验官' } },
        evidence: [expect.objectContaining({ ruleVersion: 1 })],
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
      });
      const [h, p, s] = res.body.jwt.split('.');
      const forged = Buffer.from(JSON.stringify({ ...payload, name: '阿里巴巴三段客户体验官' })).toString('base64url');
      await expect(jwtVerify(`${h}.${forged}.${s}`, jwks)).rejects.toThrow();
      expect(p).not.toBe(forged);
      await get(`/api/certificates/${cert.id}/credential`, students[1].token).expect(403);
    });

    it('keeps credentials signed before a key rotation verifiable after it', async () => {
      const before = (await get(`/api/certificates/${cert.id}/credential`, admin).expect(200)).body.jwt;
      await post('/api/admin/signing-keys/rotate', trainer).expect(403);
      const rotated = await post('/api/admin/signing-keys/rotate', admin).expect(200);
      const after = (await get(`/api/certificates/${cert.id}/credential`, admin).expect(200)).body.jwt;
      expect(decodeProtectedHeader(after).kid).toBe(rotated.body.kid);
      expect(decodeProtectedHeader(before).kid).not.toBe(rotated.body.kid);
      const jwksBody = (await get('/.well-known/jwks.json').expect(200)).body;
      expect(jwksBody.keys.length).toBeGreaterThanOrEqual(2);
      const jwks = createLocalJWKSet(jwksBody);
      await expect(jwtVerify(before, jwks)).resolves.toBeDefined();
      await expect(jwtVerify(after, jwks)).resolves.toBeDefined();
      expect((await get(`/api/audit?action=signing_key.rotate`, admin).expect(200)).body.total).toBeGreaterThanOrEqual(1);
    });

    it('renders an A4 PDF with the full name, the serial and a QR code, under 300 KB, for the holder and admins', async () => {
      const res = await get(`/api/certificates/${cert.id}/pdf`, students[0].token)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200)
        .expect('Content-Type', /application\/pdf/);
      const pdf = res.body as Buffer;
      expect(pdf.length).toBeLessThanOrEqual(300 * 1024);
      const dir = mkdtempSync(join(tmpdir(), 'cert-pdf-'));
      try {
        writeFileSync(join(dir, 'c.pdf'), pdf);
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
        expect(text).toContain('张小三');
        expect(text).toContain(cert.serial);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      await get(`/api/certificates/${cert.id}/pdf`, students[1].token).expect(403);
    });

    it('revokes with a reason, keeps the record, publishes it in the status list, and re-issues with a new serial', async () => {
      const credential = (await get(`/api/certificates/${cert.id}/credential`, admin).expect(200)).body.credential;
      await post(`/api/certificates/${cert.id}/revoke`, admin, {}).expect(400);
      await post(`/api/certificates/${cert.id}/revoke`, trainer, { reason: '考试违纪' }).expect(403);
      const revoked = await post(`/api/certificates/${cert.id}/revoke`, admin, { reason: '考试违纪' }).expect(200);
      expect(revoked.body).toMatchObject({ status: 'revoked', revokeReason: '考试违纪', serial: cert.serial });
      expect((await post(`/api/certificates/${cert.id}/revoke`, admin, { reason: '再次撤销' }).expect(409)).body.code).toBe('CERTIFICATE_ALREADY_REVOKED');
      expect((await get(`/api/verify/${cert.serial}`).expect(200)).body.status).toBe('revoked');
      expect((await get(`/verify/${cert.serial}`).expect(200)).text).toContain('已撤销');

      const listJwt = (await get('/api/credentials/status/revocation').expect(200).expect('Content-Type', /vc\+jwt/)).text;
      const { payload } = await jwtVerify(listJwt, createLocalJWKSet((await get('/.well-known/jwks.json')).body));
      const bits = decodeStatusList((payload.credentialSubject as { encodedList: string }).encodedList);
      expect(payload.id).toBe(credential.credentialStatus.statusListCredential);
      expect(isBitSet(bits, Number(credential.credentialStatus.statusListIndex))).toBe(true);
      const other = (await get('/api/me/certificates', students[1].token)).body[0];
      const otherStatus = (await get(`/api/certificates/${other.id}/credential`, admin)).body.credential.credentialStatus;
      expect(isBitSet(bits, Number(otherStatus.statusListIndex))).toBe(false);

      const reissued = await post('/api/certificates', admin, { studentId: students[0].id, tierCode: 'cxo-1' }).expect(201);
      expect(reissued.body.serial).not.toBe(cert.serial);
      const mine = await get('/api/me/certificates', students[0].token).expect(200);
      expect(mine.body.map((c: { status: string }) => c.status).sort()).toEqual(['revoked', 'valid']);
    });

    it('shows an expired certificate as expired', async () => {
      const s1cert = (await get('/api/me/certificates', students[1].token)).body[0];
      await t.ds.query(`UPDATE certificate SET expires_at = now() - interval '1 day' WHERE id = $1`, [s1cert.id]);
      expect((await get(`/api/verify/${s1cert.serial}`).expect(200)).body.status).toBe('expired');
      expect((await get(`/api/certificates?status=expired&tierCode=cxo-1`, admin).expect(200)).body.items.map((c: { id: string }) => c.id)).toEqual([s1cert.id]);
    });
  });

  it('versions rule edits, names every problem, and keeps issued certificates on their version', async () => {
    const bad = await put('/api/certification/tiers/cxo-1', admin, {
      rules: [{ kind: 'hours', system: 'magic', minHours: -1 }, { kind: 'exam', tier: 'cxo-1', minScore: 120 }, { kind: 'teleport' }],
    }).expect(400);
    expect(bad.body.code).toBe('INVALID_TIER_RULES');
    expect(bad.body.problems.map((p: { path: string }) => p.path)).toEqual(expect.arrayContaining(['rules[0].system', 'rules[0].minHours', 'rules[1].minScore', 'rules[2].kind']));
    await put('/api/certification/tiers/cxo-1', trainer, { rules: [{ kind: 'hours', system: 'practical', minHours: 70 }] }).expect(403);
    await put('/api/certification/tiers/cxo-9', admin, { rules: [{ kind: 'hours', system: 'practical', minHours: 70 }] }).expect(404);
    const edited = await put('/api/certification/tiers/cxo-1', admin, {
      rules: [
        { kind: 'hours', system: 'practical', minHours: 70 },
        { kind: 'exam', tier: 'cxo-1', minScore: 80 },
      ],
    }).expect(200);
    expect(edited.body.ruleVersion).toBe(2);
    const board = await get(`/api/students/${students[1].id}/eligibility`, admin).expect(200);
    expect(board.body.tiers[0]).toMatchObject({ ruleVersion: 2 });
    expect(board.body.tiers[0].unmet.map((c: { message: string }) => c.message)).toEqual(['实务技巧学时还差 6 小时']);
    const held = (await get(`/api/certificates?tierCode=cxo-1&status=valid`, admin)).body.items;
    expect(held.every((c: { ruleVersion: number }) => c.ruleVersion === 1)).toBe(true);
    expect((await get('/api/audit?action=tier.update&targetId=cxo-1', admin).expect(200)).body.items[0].changes).toMatchObject({ fromVersion: 1, toVersion: 2 });
  });

  it('lets admins change a course system’s required hours (audited); the transcript follows', async () => {
    await t.http().patch('/api/course-systems/general').set(auth(trainer)).send({ requiredHours: 30 }).expect(403);
    expect((await t.http().patch('/api/course-systems/magic').set(auth(admin)).send({ requiredHours: 30 }).expect(404)).body.code).toBe('UNKNOWN_COURSE_SYSTEM');
    await t.http().patch('/api/course-systems/general').set(auth(admin)).send({ requiredHours: -3 }).expect(400);
    const res = await t.http().patch('/api/course-systems/general').set(auth(admin)).send({ requiredHours: 30 }).expect(200);
    expect(res.body).toMatchObject({ code: 'general', requiredHours: 30, requiredHoursIsDefault: false });
    const transcript = await get('/api/me/transcript', students[0].token).expect(200);
    expect(transcript.body.systems.find((x: { code: string }) => x.code === 'general').requiredHours).toBe(30);
    const audit = await get('/api/audit?action=course_system.required_hours&targetId=general', admin).expect(200);
    expect(audit.body.items[0].changes).toEqual({ before: 40, after: 30 });
  });

  it('keeps the audit log for admins only and append-only in the database', async () => {
    await get('/api/audit', trainer).expect(403);
    await get('/api/audit?from=2022-01-01T00:00:00', admin).expect(400);
    await expect(t.ds.query(`UPDATE audit_entry SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`DELETE FROM audit_entry`)).rejects.toThrow(/append-only/);
  });

  it('rate-limits public verification per client address', async () => {
    let last = 200;
    for (let i = 0; i < 45 && last !== 429; i++) last = (await get('/api/verify/CXO1-2022-999999')).status;
    expect(last).toBe(429);
    const res = await get('/api/verify/CXO1-2022-999999').expect(429);
    expect(res.body.code).toBe('VERIFY_THROTTLED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
