import { Transform } from 'class-transformer';
import { IsInt, IsNumber, Max, Min } from 'class-validator';
import { configNamespace, toInt, toNumber } from '../config/config-namespace';

class PlaybackVariables {
  /** Highest playback rate credited: a heartbeat adds at most elapsed server time × this (+ tolerance). */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(16)
  PLAYBACK_MAX_RATE = 2;

  /** Slack per heartbeat for network jitter, in seconds of media. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(30)
  PLAYBACK_TOLERANCE_SECONDS = 2;

  /** A heartbeat sooner than this after the previous one earns no tolerance (stops tolerance farming). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  PLAYBACK_TOLERANCE_MIN_INTERVAL_MS = 5000;

  /** Share of a video's duration that completes the lesson. */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(1)
  PLAYBACK_COMPLETION_THRESHOLD = 0.9;

  /** Reading and self-study lessons can be completed this long after the student opened them. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  SELF_PACED_MIN_SECONDS = 60;

  /** Heartbeats arriving within this many ms share one database transaction (group commit). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(50)
  HEARTBEAT_BATCH_WAIT_MS = 2;

  /** Heartbeat log partitions (one per month) wholly older than this many days are dropped. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  HEARTBEAT_LOG_RETENTION_DAYS = 180;

  /** How often worker processes create next months' heartbeat log partitions and drop expired ones, in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  HEARTBEAT_LOG_MAINTENANCE_INTERVAL_MS = 3_600_000;
}

export const playbackConfig = configNamespace('playback', PlaybackVariables, (v) => ({
  maxRate: v.PLAYBACK_MAX_RATE,
  toleranceSeconds: v.PLAYBACK_TOLERANCE_SECONDS,
  toleranceMinIntervalMs: v.PLAYBACK_TOLERANCE_MIN_INTERVAL_MS,
  completionThreshold: v.PLAYBACK_COMPLETION_THRESHOLD,
  selfPacedMinSeconds: v.SELF_PACED_MIN_SECONDS,
  batchWaitMs: v.HEARTBEAT_BATCH_WAIT_MS,
  heartbeatLogRetentionDays: v.HEARTBEAT_LOG_RETENTION_DAYS,
  heartbeatLogMaintenanceIntervalMs: v.HEARTBEAT_LOG_MAINTENANCE_INTERVAL_MS,
}));
