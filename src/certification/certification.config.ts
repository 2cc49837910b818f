import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { appConfig } from '../config/app.config';
import { configNamespace, secretOrGenerated, toInt } from '../config/config-namespace';

class CertificationVariables {
  /** Seals the issuer's private signing keys (AES-256-GCM); required in production, generated (with a warning) in demo mode. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'CREDENTIAL_KEY_SECRET must be at least 32 characters' })
  CREDENTIAL_KEY_SECRET?: string = undefined;

  /** Where the public reaches this application: certificates' QR codes and credentials point here. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL without query or fragment' })
  PUBLIC_BASE_URL?: string = undefined;

  /** Public verification requests per client address per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  VERIFY_PER_MINUTE = 60;
}

export const certificationConfig = configNamespace('certification', CertificationVariables, (v, raw) => {
  const app = appConfig(raw);
  const keySecret = secretOrGenerated('CREDENTIAL_KEY_SECRET', v.CREDENTIAL_KEY_SECRET, app.env === 'production');
  return {
    /** Seals signing keys at rest. */
    keySecret: keySecret.value,
    /** True when no CREDENTIAL_KEY_SECRET was given and demo mode made one up (a restart rotates the signing key). */
    keySecretGenerated: keySecret.generated,
    publicBaseUrl: (v.PUBLIC_BASE_URL ?? `http://localhost:${app.port}`).replace(/\/+$/, ''),
    verifyPerMinute: v.VERIFY_PER_MINUTE,
  };
});
