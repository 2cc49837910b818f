import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { configNamespace, toInt } from '../config/config-namespace';

class RedisVariables {
  @IsString()
  @MinLength(1)
  REDIS_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  REDIS_PORT = 6379;

  @IsString()
  REDIS_PASSWORD = '';

  /** Key prefix of every BullMQ queue and of the app's own Redis keys. */
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'QUEUE_PREFIX may hold letters, digits, ":", "_" and "-" (1–64)' })
  QUEUE_PREFIX = 'lms';
}

export const redisConfig = configNamespace('redis', RedisVariables, (v) => ({
  host: v.REDIS_HOST,
  port: v.REDIS_PORT,
  password: v.REDIS_PASSWORD,
  prefix: v.QUEUE_PREFIX,
}));
