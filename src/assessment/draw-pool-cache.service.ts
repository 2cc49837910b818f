import { Injectable } from '@nestjs/common';
import { LruCache } from '../common/lru-cache';
import { ExamsRepository, PoolQuestion } from './exams.repository';

/**
 * The draw pools of exams (their banks' current question versions), kept for a few seconds so
 * that a start storm does not read the same banks a thousand times. A question written through
 * this process clears it at once; other replicas see the change within the time to live (an
 * attempt started meanwhile gets the previous version, frozen like any other).
 */
@Injectable()
export class DrawPoolCache {
  private readonly pools = new LruCache<string, Promise<PoolQuestion[]>>(200, 3000);

  constructor(private readonly repo: ExamsRepository) {}

  get(bankIds: string[]): Promise<PoolQuestion[]> {
    const key = [...bankIds].sort().join(',');
    const hit = this.pools.get(key);
    if (hit) return hit;
    const loading = this.repo.drawPool(bankIds);
    this.pools.set(key, loading);
    loading.catch(() => this.invalidate());
    return loading;
  }

  invalidate(): void {
    this.pools.clear();
  }
}
