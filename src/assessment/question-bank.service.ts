import { ApiProperty } from '@nestjs/swagger';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { importsConfig } from '../common/imports.config';
import type { AuthUser } from '../identity/auth.decorators';
import { CommonErrorCode } from '../common/error-codes';
import { AssessmentErrorCode, importError, invalidQuestion, questionRefTaken } from './assessment.errors';
import { BankAccess } from './bank-access.service';
import { BanksRepository, BankWithCount, QuestionFilter, QuestionRecord } from './banks.repository';
import { DrawPoolCache } from './draw-pool-cache.service';
import type { QuestionBank } from './entities/question-bank.entity';
import type { QuestionVersion } from './entities/question-version.entity';
import { parseQuestionCsv } from './question-csv';
import { contentFingerprint, contentOfVersion, QUESTION_FIELDS, QuestionContent, readQuestionInput } from './question-input';
import { InjectDataSource } from '@nestjs/typeorm';
import { inTransaction } from '../common/transaction';

export interface ImportRowReport {
  /** JSON: the item's position (1-based); CSV: the line of the file. */
  row?: number;
  line?: number;
  ref: string | null;
  status: 'created' | 'updated' | 'unchanged' | 'failed';
  questionId?: string;
  version?: number;
  code?: string;
  reason?: string;
}

/** Named apart from the user import's report so the two get separate schemas. */
export type ImportReport = QuestionImportReport;
export class QuestionImportReport {
  @ApiProperty({ type: Number }) total: number;
  @ApiProperty({ type: Number }) created: number;
  @ApiProperty({ type: Number }) updated: number;
  @ApiProperty({ type: Number }) unchanged: number;
  @ApiProperty({ type: Number }) failed: number;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) rows: ImportRowReport[];
}

/** One item to import, with where it came from. */
export interface ImportItem {
  at: { row: number } | { line: number };
  raw: unknown;
}

/** Banks and their versioned questions: create, edit (a new version), bulk import with a per-row report. */
@Injectable()
export class QuestionBankService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: BanksRepository,
    private readonly pools: DrawPoolCache,
    @Inject(importsConfig.KEY) private readonly imports: ConfigType<typeof importsConfig>,
    private readonly access: BankAccess,
  ) {}

  createBank(input: { title: string; description?: string; code?: string; systemCode?: string; shared?: boolean }, user: AuthUser): Promise<QuestionBank> {
    return this.repo.insertBank({
      title: input.title,
      description: input.description ?? '',
      code: input.code ?? null,
      systemCode: input.systemCode ?? null,
      ownerId: user.id,
      shared: input.shared ?? false,
    });
  }

  /** Admins see every bank; a trainer their own, the shared ones and the seeded ones. */
  listBanks(user: AuthUser, limit: number, offset: number): Promise<{ items: BankWithCount[]; total: number }> {
    return this.repo.listBanks(limit, offset, user.role === 'admin' ? undefined : user.id);
  }

  async getBank(id: string, user: AuthUser): Promise<BankWithCount> {
    const bank = await this.access.assertCanRead(user, id);
    return Object.assign(bank, { questionCount: await this.repo.countQuestions(id) });
  }

  /** Renames a bank, or shares it with all staff (or stops sharing it): its owner's or an admin's change. */
  async updateBank(id: string, patch: { title?: string; description?: string; shared?: boolean }, user: AuthUser): Promise<BankWithCount> {
    await this.access.assertCanWrite(user, id);
    const fields: { title?: string; description?: string; shared?: boolean } = {};
    if (patch.title !== undefined) fields.title = patch.title;
    if (patch.description !== undefined) fields.description = patch.description;
    if (patch.shared !== undefined) fields.shared = patch.shared;
    await this.repo.updateBank(id, fields);
    return this.getBank(id, user);
  }

  async addQuestion(bankId: string, raw: unknown, user: AuthUser): Promise<QuestionRecord> {
    await this.access.assertCanWrite(user, bankId);
    const input = readQuestionInput(raw);
    if (!input.ok) throw invalidQuestion(input.problems);
    const record = await inTransaction(this.ds, (tx) => this.repo.insertQuestion(tx, bankId, input.ref, input.content, user.id));
    this.pools.invalidate();
    if (!record) throw questionRefTaken(input.ref);
    return record;
  }

  async listQuestions(bankId: string, filter: QuestionFilter, user: AuthUser): Promise<{ items: QuestionRecord[]; total: number }> {
    await this.access.assertCanRead(user, bankId);
    return this.repo.listQuestions(bankId, filter);
  }

  async getQuestion(id: string, user: AuthUser): Promise<{ record: QuestionRecord; versions: QuestionVersion[] }> {
    const record = await this.access.readableQuestion(user, id);
    return { record, versions: await this.repo.versions(id) };
  }

  /**
   * Edits a question: the given fields over the current version make a new version, which new
   * attempts receive; attempts already started keep the version they were given.
   */
  async editQuestion(id: string, patch: Record<string, unknown>, user: AuthUser): Promise<QuestionRecord> {
    const current = await this.access.writableQuestion(user, id);
    const merged: Record<string, unknown> = { ...contentOfVersion(current.version), ...patch };
    // A change of type drops fields the new type does not take, unless given again.
    if (patch.type !== undefined && patch.type !== current.version.type) {
      for (const f of ['options', 'scoring'] as const) if (patch[f] === undefined) delete merged[f];
    }
    const input = readQuestionInput(Object.fromEntries(Object.entries(merged).filter(([k, v]) => QUESTION_FIELDS.includes(k as never) && v !== null)));
    if (!input.ok) throw invalidQuestion(input.problems);
    if (contentFingerprint(input.content) === contentFingerprint(contentOfVersion(current.version))) return current;
    const record = await inTransaction(this.ds, (tx) => this.repo.addVersion(tx, id, input.content, user.id));
    this.pools.invalidate();
    return record;
  }

  /** `POST /api/question-banks/:id/import`: a JSON array (or `{ questions: [...] }`) or a CSV text. */
  async importQuestions(bankId: string, body: unknown, user: AuthUser): Promise<ImportReport> {
    await this.access.assertCanWrite(user, bankId);
    const maxRows = this.imports.maxRows;
    let items: ImportItem[];
    if (typeof body === 'string') {
      items = parseQuestionCsv(body, maxRows).map((r) => ({ at: { line: r.line }, raw: r.raw }));
    } else {
      const list = Array.isArray(body) ? body : (body as { questions?: unknown })?.questions;
      if (!Array.isArray(list)) {
        throw importError(AssessmentErrorCode.ImportMalformed, 'Send a JSON array of questions, { "questions": [...] }, or a CSV with Content-Type: text/csv');
      }
      if (list.length === 0) throw importError(AssessmentErrorCode.ImportEmpty, 'There are no questions to import');
      if (list.length > maxRows) throw importError(AssessmentErrorCode.ImportTooManyRows, `${list.length} questions; at most ${maxRows} per import`);
      items = list.map((raw, i) => ({ at: { row: i + 1 }, raw }));
    }
    const report = await inTransaction(this.ds, (tx) => this.importInTx(tx, bankId, items, user.id));
    this.pools.invalidate();
    return report;
  }

  /**
   * Checks every item, then writes the good ones in the caller's transaction: a new ref (or
   * none) creates a question, a known ref with other content adds a version, the same content
   * changes nothing. Bad items are reported with their place and reason and do not stop the rest.
   */
  async importInTx(tx: EntityManager, bankId: string, items: ImportItem[], by: string | null): Promise<ImportReport> {
    const rows: ImportRowReport[] = [];
    const good: Array<{ at: ImportItem['at']; ref: string | null; content: QuestionContent }> = [];
    const seenRefs = new Map<string, string>();
    for (const item of items) {
      const input = readQuestionInput(item.raw);
      const where = 'row' in item.at ? `item ${item.at.row}` : `line ${item.at.line}`;
      if (!input.ok) {
        rows.push({ ...item.at, ref: input.ref, status: 'failed', code: AssessmentErrorCode.InvalidQuestion, reason: input.problems.join('; ') });
        continue;
      }
      if (input.ref !== null) {
        const first = seenRefs.get(input.ref);
        if (first) {
          rows.push({ ...item.at, ref: input.ref, status: 'failed', code: CommonErrorCode.DuplicateInFile, reason: `ref "${input.ref}" already appears at ${first}` });
          continue;
        }
        seenRefs.set(input.ref, where);
      }
      good.push({ at: item.at, ref: input.ref, content: input.content });
    }
    const existing = await this.repo.findByRefs(tx, bankId, good.map((g) => g.ref).filter((r): r is string => r !== null));
    for (const g of good) {
      const known = g.ref !== null ? existing.get(g.ref) : undefined;
      if (known && contentFingerprint(contentOfVersion(known.version)) === contentFingerprint(g.content)) {
        rows.push({ ...g.at, ref: g.ref, status: 'unchanged', questionId: known.question.id, version: known.version.version });
        continue;
      }
      const record = known ? await this.repo.addVersion(tx, known.question.id, g.content, by) : await this.repo.insertQuestion(tx, bankId, g.ref, g.content, by);
      if (!record) {
        rows.push({ ...g.at, ref: g.ref, status: 'failed', code: CommonErrorCode.DuplicateInFile, reason: `ref "${g.ref}" was added meanwhile` });
        continue;
      }
      rows.push({ ...g.at, ref: g.ref, status: known ? 'updated' : 'created', questionId: record.question.id, version: record.version.version });
    }
    rows.sort((a, b) => (a.row ?? a.line ?? 0) - (b.row ?? b.line ?? 0));
    const count = (s: ImportRowReport['status']) => rows.filter((r) => r.status === s).length;
    return { total: rows.length, created: count('created'), updated: count('updated'), unchanged: count('unchanged'), failed: count('failed'), rows };
  }
}
