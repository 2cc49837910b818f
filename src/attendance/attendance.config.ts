import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { isProduction } from '../config/app.config';
import { ConfigValidationError, configNamespace, secretOrGenerated, toInt } from '../config/config-namespace';

class AttendanceVariables {
  /** HMAC secret of the rotating check-in codes and classroom-screen links; shared by every API replica. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'CHECK_IN_SECRET must be at least 32 characters' })
  CHECK_IN_SECRET?: string = undefined;

  /** A new check-in code every this many seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(300)
  CHECK_IN_STEP_SECONDS = 30;

  /** How long into a step the previous code is still accepted (at most CHECK_IN_STEP_SECONDS). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  CHECK_IN_GRACE_SECONDS = 10;

  /** Check-in opens this many minutes before a class session starts. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(240)
  CHECK_IN_EARLY_MINUTES = 15;

  /** A check-in later than this many minutes after the start counts as late. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(720)
  CHECK_IN_LATE_AFTER_MINUTES = 10;

  /** Wrong check-in codes per student within the window before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  CHECK_IN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  CHECK_IN_FAILURE_WINDOW_SECONDS = 600;
}

export const attendanceConfig = configNamespace('attendance', AttendanceVariables, (v, raw) => {
  const checkInSecret = secretOrGenerated('CHECK_IN_SECRET', v.CHECK_IN_SECRET, isProduction(raw));
  if (v.CHECK_IN_GRACE_SECONDS > v.CHECK_IN_STEP_SECONDS) {
    throw new ConfigValidationError([`CHECK_IN_GRACE_SECONDS (got ${v.CHECK_IN_GRACE_SECONDS}): at most CHECK_IN_STEP_SECONDS (${v.CHECK_IN_STEP_SECONDS})`]);
  }
  return {
    checkInSecret: checkInSecret.value,
    /** True when no CHECK_IN_SECRET was given and demo mode made one up (replicas would disagree). */
    checkInSecretGenerated: checkInSecret.generated,
    codeStepSeconds: v.CHECK_IN_STEP_SECONDS,
    codeGraceSeconds: v.CHECK_IN_GRACE_SECONDS,
    earlyMinutes: v.CHECK_IN_EARLY_MINUTES,
    lateAfterMinutes: v.CHECK_IN_LATE_AFTER_MINUTES,
    maxFailures: v.CHECK_IN_MAX_FAILURES,
    failureWindowSeconds: v.CHECK_IN_FAILURE_WINDOW_SECONDS,
  };
});
