import { Injectable, PipeTransform } from '@nestjs/common';
import { createValidationPipe } from '../../common/validation.pipe';
import { HeartbeatDto, isWellFormedHeartbeat } from './learning.dto';

/**
 * Validates heartbeat bodies, the most frequent request of all (one per viewer every 10 s):
 * well-formed bodies are accepted by a hand-written check of HeartbeatDto's rules, which costs a
 * fraction of class-transformer + class-validator; any other body goes through the standard
 * validation pipe, so a bad body gets exactly the usual 400 VALIDATION_FAILED.
 */
@Injectable()
export class HeartbeatBodyPipe implements PipeTransform<unknown, Promise<HeartbeatDto>> {
  private readonly standard = createValidationPipe();

  async transform(body: unknown): Promise<HeartbeatDto> {
    if (isWellFormedHeartbeat(body)) return body;
    return this.standard.transform(body, { type: 'body', metatype: HeartbeatDto });
  }
}
