export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** Most items written in one commit. */
  maxBatch: number;
  /** How long the first item of a batch waits for company (0: the next turn of the event loop). */
  lingerMs: number;
  /** Commits in flight at once; further items wait and go out together when one finishes. */
  maxConcurrent: number;
}

interface Waiting<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: callers submit one item each and are answered only after the commit that holds their
 * item has succeeded, so an acknowledged item is durable. Items arriving while commits are in flight
 * queue up and share the next commit, so under load one transaction (and one WAL flush) serves many
 * requests; at low load an item waits at most `lingerMs`. Nothing is ever acknowledged from memory.
 */
export class GroupCommit<I, R> {
  private pending: Waiting<I, R>[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private idle: Array<() => void> = [];

  constructor(
    /** Writes a batch in one transaction and returns one outcome per item, in order; throwing fails them all. */
    private readonly commit: (items: I[]) => Promise<Outcome<R>[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once nothing is pending or in flight (for shutdown). */
  drain(): Promise<void> {
    if (this.pending.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.inFlight >= this.options.maxConcurrent) return; // a finishing commit takes the queue along
    if (this.pending.length >= this.options.maxBatch) return this.flush();
    if (this.timer !== undefined) return;
    const fire = () => {
      this.timer = undefined;
      this.flush();
    };
    this.timer = this.options.lingerMs > 0 ? setTimeout(fire, this.options.lingerMs) : setImmediate(fire);
  }

  private flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = undefined;
    }
    if (this.pending.length === 0 || this.inFlight >= this.options.maxConcurrent) return;
    const batch = this.pending.splice(0, this.options.maxBatch);
    this.inFlight++;
    this.run(batch).finally(() => {
      this.inFlight--;
      // Whatever queued up meanwhile has waited long enough: send it now.
      if (this.pending.length > 0) this.flush();
      else if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
    });
  }

  private async run(batch: Waiting<I, R>[]): Promise<void> {
    let outcomes: Outcome<R>[];
    try {
      outcomes = await this.commit(batch.map((w) => w.item));
    } catch (error) {
      batch.forEach((w) => w.reject(error));
      return;
    }
    batch.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) w.reject(new Error('group commit returned no outcome for an item'));
      else if (outcome.ok) w.resolve(outcome.value);
      else w.reject(outcome.error);
    });
  }
}
