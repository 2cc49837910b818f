import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { PeriodicTask, startInWorkers } from '../common/periodic-task';
import { appConfig } from '../config/app.config';
import { playbackConfig } from './playback.config';
import { LearningRepository } from './learning.repository';

/** Months of heartbeat_log partitions kept ready ahead of the current one. */
const MONTHS_AHEAD = 3;
const DAY_MS = 86_400_000;

/**
 * Keeps heartbeat_log's monthly partitions: every process makes sure the coming months exist when it
 * starts (a heartbeat never lacks a partition); worker processes, every
 * HEARTBEAT_LOG_MAINTENANCE_INTERVAL_MS, create months ahead and drop the months that ended more than
 * HEARTBEAT_LOG_RETENTION_DAYS ago. Credits never read the log (progress and the hour ledger hold
 * them), so dropping it changes no one's hours.
 */
@Injectable()
export class HeartbeatLogRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HeartbeatLogRetention.name);
  private task: PeriodicTask | undefined;

  constructor(
    private readonly repo: LearningRepository,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(playbackConfig.KEY) private readonly playback: ConfigType<typeof playbackConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.repo.ensureHeartbeatLogPartitions(MONTHS_AHEAD);
    const interval = this.playback.heartbeatLogMaintenanceIntervalMs;
    this.task = startInWorkers(this.app.role, 'heartbeat log retention', interval, () => this.maintain(), this.logger);
  }

  /** Creates the coming months and drops expired ones; returns the names of the dropped partitions. */
  async maintain(nowMs = Date.now()): Promise<string[]> {
    await this.repo.ensureHeartbeatLogPartitions(MONTHS_AHEAD);
    const cutoff = nowMs - this.playback.heartbeatLogRetentionDays * DAY_MS;
    const dropped: string[] = [];
    for (const part of await this.repo.heartbeatLogPartitions()) {
      if (part.monthEnd.getTime() > cutoff) continue;
      await this.repo.dropHeartbeatLogPartition(part.name);
      dropped.push(part.name);
    }
    if (dropped.length > 0) this.logger.log(`heartbeat log: dropped ${dropped.join(', ')} (older than the retention)`);
    return dropped;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }
}
