import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../identity/auth.decorators';
import { bankNotFound, bankPrivate, notBankOwner, questionNotFound } from './assessment.errors';
import { BanksRepository, QuestionRecord } from './banks.repository';
import type { QuestionBank } from './entities/question-bank.entity';

type BankOwnership = Pick<QuestionBank, 'ownerId' | 'shared'>;

/**
 * Who may read and change a question bank. Reading (questions, keys) and drawing exams from
 * it: its owner, admins, and every staff member when the bank is shared. Every write
 * (questions, imports, answer-key corrections, the bank itself): its owner and admins; a bank
 * without owner (the seeded ones) any staff member.
 */
@Injectable()
export class BankAccess {
  constructor(private readonly repo: BanksRepository) {}

  canRead(actor: AuthUser, bank: BankOwnership): boolean {
    if (actor.role === 'admin') return true;
    if (actor.role !== 'trainer') return false;
    return bank.shared || bank.ownerId === null || bank.ownerId === actor.id;
  }

  canWrite(actor: AuthUser, bank: BankOwnership): boolean {
    if (actor.role === 'admin') return true;
    if (actor.role !== 'trainer') return false;
    return bank.ownerId === null || bank.ownerId === actor.id;
  }

  /** The bank if the actor may read it: BANK_NOT_FOUND, or BANK_PRIVATE. */
  async assertCanRead(actor: AuthUser, bankId: string, tx?: EntityManager): Promise<QuestionBank> {
    const bank = await this.repo.findBank(bankId, tx);
    if (!bank) throw bankNotFound();
    if (!this.canRead(actor, bank)) throw bankPrivate();
    return bank;
  }

  /** The bank if the actor may change it: BANK_NOT_FOUND, or NOT_BANK_OWNER. */
  async assertCanWrite(actor: AuthUser, bankId: string, tx?: EntityManager): Promise<QuestionBank> {
    const bank = await this.repo.findBank(bankId, tx);
    if (!bank) throw bankNotFound();
    if (!this.canWrite(actor, bank)) throw notBankOwner();
    return bank;
  }

  /** A question and its current version if the actor may read its bank. */
  async readableQuestion(actor: AuthUser, questionId: string): Promise<QuestionRecord> {
    const record = await this.repo.findQuestion(questionId);
    if (!record) throw questionNotFound();
    await this.assertCanRead(actor, record.question.bankId);
    return record;
  }

  /** A question and its current version if the actor may change its bank (answer-key corrections included). */
  async writableQuestion(actor: AuthUser, questionId: string): Promise<QuestionRecord> {
    const record = await this.repo.findQuestion(questionId);
    if (!record) throw questionNotFound();
    await this.assertCanWrite(actor, record.question.bankId);
    return record;
  }

  /** Drawing an exam from banks: BANK_PRIVATE for the first one the actor may not read (unknown ones are the caller's to report). */
  async assertCanDraw(actor: AuthUser, bankIds: string[], tx?: EntityManager): Promise<void> {
    for (const bank of await this.repo.findBanks(bankIds, tx)) {
      if (!this.canRead(actor, bank)) throw bankPrivate();
    }
  }
}
