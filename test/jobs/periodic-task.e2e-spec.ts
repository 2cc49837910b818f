import { Logger } from '@nestjs/common';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PeriodicTask, startInWorkers } from '../../src/common/periodic-task';

const root = join(__dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

class RecordingLogger extends Logger {
  readonly warnings: string[] = [];
  override warn(message: unknown): void {
    this.warnings.push(String(message));
  }
}

describe('PeriodicTask: the one runner of the relay and the sweeps', () => {
  it('runs the work every interval, never two runs at once, and stop waits for the run in progress', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    let finished = 0;
    const task = new PeriodicTask('slow', 10, async () => {
      running++;
      overlapped ||= running > 1;
      runs++;
      await sleep(35);
      running--;
      finished++;
    }, new RecordingLogger());
    task.start();
    await sleep(150);
    await task.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(overlapped).toBe(false);
    expect(finished).toBe(runs);
    await sleep(40);
    expect(runs).toBe(finished); // nothing started after stop
  });

  it('logs a failed run and keeps going', async () => {
    const logger = new RecordingLogger();
    let runs = 0;
    const task = new PeriodicTask('flaky', 10, async () => {
      runs++;
      throw new Error('boom');
    }, logger);
    task.start();
    await sleep(60);
    await task.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(logger.warnings[0]).toBe('flaky failed: boom');
  });

  it('starts in worker processes only', async () => {
    const work = async () => undefined;
    expect(startInWorkers('api', 'x', 1000, work, new RecordingLogger())).toBeUndefined();
    const task = startInWorkers('worker', 'x', 1000, work, new RecordingLogger());
    expect(task).toBeInstanceOf(PeriodicTask);
    await task?.stop();
  });

  it('is the only timer loop: no other source file calls setInterval, and the relay and every sweep use it', () => {
    const sources = files(join(root, 'src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    const withInterval = sources.filter((f) => /\bsetInterval\(/.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(withInterval).toEqual(['src/common/periodic-task.ts']);
    for (const user of [
      'src/jobs/outbox-relay.service.ts',
      'src/assessment/attempt-deadline-sweep.service.ts',
      'src/assessment/grading/grading-recovery-sweep.service.ts',
      'src/learning/heartbeat-log-retention.service.ts',
      'src/identity/session-revocations.service.ts',
    ]) {
      expect(readFileSync(join(root, user), 'utf8')).toMatch(/from '(\.\.\/)+common\/periodic-task'/);
    }
  });
});
