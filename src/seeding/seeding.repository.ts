import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Serialises concurrent imports (two replicas starting together). */
const SEED_LOCK_KEY = 7_402_118_002;

/** The seed import's own SQL: its lock. What it imports is written through each owner's repository. */
@Injectable()
export class SeedingRepository {
  /** Waits for any other import to finish; held until the caller's transaction ends. */
  async lockImport(tx: EntityManager): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
  }
}
