import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { QuestionBank } from './entities/question-bank.entity';
import { QuestionVersion } from './entities/question-version.entity';
import { Question } from './entities/question.entity';
import type { QuestionContent } from './question-input';

export interface BankWithCount extends QuestionBank {
  questionCount: number;
}

/** A question with the content of one of its versions. */
export interface QuestionRecord {
  question: Question;
  version: QuestionVersion;
}

export interface QuestionFilter {
  tag?: string;
  difficulty?: string;
  type?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class BanksRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}


  async insertBank(values: Partial<QuestionBank>, tx: EntityManager = this.ds.manager): Promise<QuestionBank> {
    return tx.getRepository(QuestionBank).save(tx.getRepository(QuestionBank).create(values));
  }

  /** Inserts unless a bank with the code exists; returns the bank either way and whether it is new. */
  async upsertBankByCode(tx: EntityManager, values: Partial<QuestionBank> & { code: string }): Promise<{ bank: QuestionBank; created: boolean }> {
    const res = await tx.createQueryBuilder().insert().into(QuestionBank).values(values).orIgnore().returning('id').execute();
    const bank = (await tx.getRepository(QuestionBank).findOneBy({ code: values.code })) as QuestionBank;
    return { bank, created: res.raw.length > 0 };
  }

  findBank(id: string, tx: EntityManager = this.ds.manager): Promise<QuestionBank | null> {
    return tx.getRepository(QuestionBank).findOneBy({ id });
  }

  findBanks(ids: string[], tx: EntityManager = this.ds.manager): Promise<QuestionBank[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return tx.getRepository(QuestionBank).findBy({ id: In(ids) });
  }

  async updateBank(id: string, patch: Partial<Pick<QuestionBank, 'title' | 'description' | 'shared'>>): Promise<void> {
    if (Object.keys(patch).length > 0) await this.ds.getRepository(QuestionBank).update({ id }, patch);
  }

  async countQuestions(bankId: string): Promise<number> {
    return this.ds.getRepository(Question).countBy({ bankId });
  }

  /** Banks by creation; with `visibleTo`, only those that user may read (own, shared, ownerless). */
  async listBanks(limit: number, offset: number, visibleTo?: string): Promise<{ items: BankWithCount[]; total: number }> {
    const where = visibleTo ? [{ ownerId: visibleTo }, { shared: true }, { ownerId: IsNull() }] : {};
    const [banks, total] = await this.ds.getRepository(QuestionBank).findAndCount({ where, order: { createdAt: 'ASC', id: 'ASC' }, take: limit, skip: offset });
    if (banks.length === 0) return { items: [], total };
    const counts: Array<{ bank_id: string; n: number }> = await this.ds.query(
      `SELECT bank_id, COUNT(*)::int AS n FROM question WHERE bank_id = ANY($1::uuid[]) GROUP BY bank_id`,
      [banks.map((b) => b.id)],
    );
    const byBank = new Map(counts.map((c) => [c.bank_id, c.n]));
    return { items: banks.map((b) => Object.assign(b, { questionCount: byBank.get(b.id) ?? 0 })), total };
  }

  /** Creates a question with its first version; returns null when the bank already has the ref. */
  async insertQuestion(tx: EntityManager, bankId: string, ref: string | null, c: QuestionContent, by: string | null): Promise<QuestionRecord | null> {
    const questionId = randomUUID();
    const versionId = randomUUID();
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(Question)
      .values({ id: questionId, bankId, ref, currentVersion: 1, currentVersionId: versionId, type: c.type, tags: c.tags, difficulty: c.difficulty, createdBy: by })
      .orIgnore()
      .returning('id')
      .execute();
    if (inserted.raw.length === 0) return null;
    const version = await this.insertVersion(tx, questionId, versionId, 1, c, by);
    return { question: (await tx.getRepository(Question).findOneBy({ id: questionId })) as Question, version };
  }

  /** Adds a version and makes it current, under a lock on the question so versions never collide. */
  async addVersion(tx: EntityManager, questionId: string, c: QuestionContent, by: string | null): Promise<QuestionRecord> {
    const question = (await tx.getRepository(Question).findOne({ where: { id: questionId }, lock: { mode: 'pessimistic_write' } })) as Question;
    const next = question.currentVersion + 1;
    const version = await this.insertVersion(tx, questionId, randomUUID(), next, c, by);
    await tx.getRepository(Question).update(
      { id: questionId },
      { currentVersion: next, currentVersionId: version.id, type: c.type, tags: c.tags, difficulty: c.difficulty },
    );
    return { question: (await tx.getRepository(Question).findOneBy({ id: questionId })) as Question, version };
  }

  private async insertVersion(tx: EntityManager, questionId: string, id: string, version: number, c: QuestionContent, by: string | null): Promise<QuestionVersion> {
    const repo = tx.getRepository(QuestionVersion);
    const entity = repo.create({
      id,
      questionId,
      version,
      type: c.type,
      stem: c.stem,
      options: c.options,
      answer: c.answer,
      points: c.points,
      scoring: c.scoring,
      tags: c.tags,
      difficulty: c.difficulty,
      explanation: c.explanation,
      createdBy: by,
    });
    await repo.insert(entity);
    return entity;
  }

  async findQuestion(id: string, tx: EntityManager = this.ds.manager): Promise<QuestionRecord | null> {
    const question = await tx.getRepository(Question).findOneBy({ id });
    if (!question) return null;
    const version = (await tx.getRepository(QuestionVersion).findOneBy({ id: question.currentVersionId })) as QuestionVersion;
    return { question, version };
  }

  /** Current records of the given refs in a bank, by ref. */
  async findByRefs(tx: EntityManager, bankId: string, refs: string[]): Promise<Map<string, QuestionRecord>> {
    if (refs.length === 0) return new Map();
    const rows = await tx
      .getRepository(Question)
      .createQueryBuilder('q')
      .where('q.bank_id = :bankId AND q.ref = ANY(:refs)', { bankId, refs })
      .getMany();
    const versions = await tx.getRepository(QuestionVersion).findBy(rows.map((q) => ({ id: q.currentVersionId })));
    const byId = new Map(versions.map((v) => [v.id, v]));
    return new Map(rows.map((q) => [q.ref as string, { question: q, version: byId.get(q.currentVersionId) as QuestionVersion }]));
  }

  versions(questionId: string): Promise<QuestionVersion[]> {
    return this.ds.getRepository(QuestionVersion).find({ where: { questionId }, order: { version: 'DESC' } });
  }

  findVersion(tx: EntityManager, questionId: string, version: number, lock = false): Promise<QuestionVersion | null> {
    return tx.getRepository(QuestionVersion).findOne({ where: { questionId, version }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
  }

  async listQuestions(bankId: string, f: QuestionFilter): Promise<{ items: QuestionRecord[]; total: number }> {
    const where = ['q.bank_id = $1'];
    const params: unknown[] = [bankId];
    if (f.tag) where.push(`$${params.push(f.tag)} = ANY(q.tags)`);
    if (f.difficulty) where.push(`q.difficulty = $${params.push(f.difficulty)}`);
    if (f.type) where.push(`q.type = $${params.push(f.type)}`);
    const [{ total }] = await this.ds.query(`SELECT COUNT(*)::int AS total FROM question q WHERE ${where.join(' AND ')}`, params);
    const ids: Array<{ id: string }> = await this.ds.query(
      `SELECT q.id FROM question q WHERE ${where.join(' AND ')} ORDER BY q.created_at, q.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    const questions = ids.length ? await this.ds.getRepository(Question).findBy(ids.map((r) => ({ id: r.id }))) : [];
    const versions = questions.length ? await this.ds.getRepository(QuestionVersion).findBy(questions.map((q) => ({ id: q.currentVersionId }))) : [];
    const qById = new Map(questions.map((q) => [q.id, q]));
    const vById = new Map(versions.map((v) => [v.id, v]));
    return {
      items: ids.map((r) => {
        const question = qById.get(r.id) as Question;
        return { question, version: vById.get(question.currentVersionId) as QuestionVersion };
      }),
      total,
    };
  }
}
