import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { isProduction } from '../config/app.config';
import { configNamespace, secretOrGenerated, toInt } from '../config/config-namespace';

class AuthVariables {
  /** HS256 secret; required in production, generated (with a warning) in demo mode. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string = undefined;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS = 900;

  /** Failed logins per username within the window before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_USER = 5;

  /** Failed logins per client address within the window before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ADDRESS = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 900;

  /** How long a login lasts without being used: every refresh moves its end this far ahead (sliding). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** How often each API process re-reads ended logins from PostgreSQL, besides the Redis broadcast. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60000)
  SESSION_REVOCATION_POLL_MS = 2000;

  /** argon2id cost; the defaults follow OWASP's 19 MiB / 2 passes minimum. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  ARGON2_MEMORY_KIB = 19456;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  ARGON2_TIME_COST = 2;
}

export const authConfig = configNamespace('auth', AuthVariables, (v, raw) => {
  const jwtSecret = secretOrGenerated('JWT_SECRET', v.JWT_SECRET, isProduction(raw));
  return {
    jwtSecret: jwtSecret.value,
    /** True when no JWT_SECRET was given and demo mode made one up (tokens die with the process). */
    jwtSecretGenerated: jwtSecret.generated,
    jwtTtlSeconds: v.JWT_TTL_SECONDS,
    loginMaxFailuresPerUser: v.LOGIN_MAX_FAILURES_PER_USER,
    loginMaxFailuresPerAddress: v.LOGIN_MAX_FAILURES_PER_ADDRESS,
    loginWindowSeconds: v.LOGIN_WINDOW_SECONDS,
    refreshTokenTtlDays: v.REFRESH_TOKEN_TTL_DAYS,
    sessionRevocationPollMs: v.SESSION_REVOCATION_POLL_MS,
    argon2MemoryKiB: v.ARGON2_MEMORY_KIB,
    argon2TimeCost: v.ARGON2_TIME_COST,
  };
});
