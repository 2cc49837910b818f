import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { configNamespace, toInt } from '../config/config-namespace';

class AssessmentVariables {
  /** How often worker processes submit attempts past their deadline that a lost job missed, in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  ATTEMPT_SWEEP_INTERVAL_MS = 10_000;

  /** A submitted attempt still ungraded after this long has its grading job enqueued again (Redis lost it), in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(86_400_000)
  GRADING_STUCK_AFTER_MS = 60_000;
}

export const assessmentConfig = configNamespace('assessment', AssessmentVariables, (v) => ({
  sweepIntervalMs: v.ATTEMPT_SWEEP_INTERVAL_MS,
  stuckAfterMs: v.GRADING_STUCK_AFTER_MS,
}));
