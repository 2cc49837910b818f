export type { Interval } from './intervals';
export {
  clipIntervals,
  intersectIntervals,
  intervalsLength,
  normalizeIntervals,
  subtractIntervals,
  unionIntervals,
} from './intervals';
export type { CreditOutcome, CreditPolicy, HeartbeatClaim, Refusal, RefusalReason, WatchState } from './crediting';
export {
  DEFAULT_COMPLETION_THRESHOLD,
  DEFAULT_CREDIT_POLICY,
  RESUME_END_MARGIN_SECONDS,
  creditBudgetSeconds,
  creditHeartbeat,
  isComplete,
  openWatchSession,
  resumePosition,
} from './crediting';
