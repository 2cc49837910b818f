import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { isProduction } from '../config/app.config';
import { configNamespace, secretOrGenerated, toInt } from '../config/config-namespace';

class MediaVariables {
  /** Where uploaded media live (local-disk storage driver). */
  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  /** Largest accepted video upload, in bytes (default 1 GiB). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 ** 3)
  MEDIA_MAX_UPLOAD_BYTES = 1024 ** 3;

  /** HMAC secret of signed stream URLs; required in production, generated (with a warning) in demo mode. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'MEDIA_URL_SECRET must be at least 32 characters' })
  MEDIA_URL_SECRET?: string = undefined;

  /**
   * How long a signed stream URL stays valid, in seconds: heartbeats bring a fresh one, so this
   * need only outlast a few missed heartbeats.
   */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 86400)
  MEDIA_URL_TTL_SECONDS = 300;

  /**
   * Who sends the bytes of a checked stream request: `embedded` streams them from this process;
   * `nginx` answers with `X-Accel-Redirect: /_media/<key>`, and an nginx in front (docker/nginx.conf)
   * sends the file with its own sendfile and range handling.
   */
  @IsIn(['embedded', 'nginx'])
  MEDIA_DELIVERY: 'embedded' | 'nginx' = 'embedded';

  /**
   * A viewer whose connection takes no stream bytes for this long is disconnected, as nginx's
   * send_timeout does (a player that still wants the video asks again); 0 waits for ever.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  MEDIA_STALL_TIMEOUT_SECONDS = 60;
}

export const mediaConfig = configNamespace('media', MediaVariables, (v, raw) => {
  const urlSecret = secretOrGenerated('MEDIA_URL_SECRET', v.MEDIA_URL_SECRET, isProduction(raw));
  return {
    dataDir: v.DATA_DIR,
    maxUploadBytes: v.MEDIA_MAX_UPLOAD_BYTES,
    urlSecret: urlSecret.value,
    /** True when no MEDIA_URL_SECRET was given and demo mode made one up (URLs die with the process). */
    urlSecretGenerated: urlSecret.generated,
    urlTtlSeconds: v.MEDIA_URL_TTL_SECONDS,
    /** `nginx`: answer checked stream requests with X-Accel-Redirect and let nginx send the bytes. */
    delivery: v.MEDIA_DELIVERY,
    /** A viewer taking no stream bytes for this long is disconnected; 0: never. */
    stallTimeoutMs: v.MEDIA_STALL_TIMEOUT_SECONDS * 1000,
  };
});
