import cluster, { Worker } from 'node:cluster';
import { startupLog } from './bootstrap';
import { StartupError } from './common/startup-error';
import type { AppConfig } from './config/app-config';

/** A process that dies is replaced after this pause (so a crash loop does not spin). */
const RESTART_DELAY_MS = 1000;

/**
 * Runs `API_PROCESSES` API processes that share one port through Node's cluster module, so that
 * one machine's cores all serve requests (as nginx runs a worker per core). They share nothing in
 * memory that matters: credit and sessions live in PostgreSQL, throttles in Redis, and the caches
 * are per process by design. This primary process has already migrated the database; it passes
 * the secrets it settled (generated ones included) to every process, lets the first one seed
 * before forking the others, replaces any that dies, and forwards SIGTERM/SIGINT to all.
 */
export async function superviseApiProcesses(config: AppConfig): Promise<void> {
  const env = { JWT_SECRET: config.auth.jwtSecret, MEDIA_URL_SECRET: config.media.urlSecret };
  let alive = 0;
  let stopping = false;
  const fork = (): Worker => {
    alive++;
    return cluster.fork(env);
  };

  const first = fork();
  await new Promise<void>((resolve, reject) => {
    const failed = (code: number) => reject(new StartupError(`the first API process exited (code ${code}) before it could listen`));
    first.once('exit', failed);
    first.once('listening', () => {
      first.off('exit', failed);
      resolve();
    });
  });
  for (let i = 1; i < config.app.apiProcesses; i++) fork();

  cluster.on('exit', (worker, code, signal) => {
    alive--;
    if (stopping) {
      if (alive === 0) process.exit(0);
      return;
    }
    startupLog.error(`API process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(fork, RESTART_DELAY_MS);
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  startupLog.info(`${config.app.apiProcesses} API processes share port ${config.app.port}`);
}
