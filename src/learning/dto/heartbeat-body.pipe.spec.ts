import { BadRequestException } from '@nestjs/common';
import fc from 'fast-check';
import { createValidationPipe } from '../../common/validation.pipe';
import { HeartbeatBodyPipe } from './heartbeat-body.pipe';
import { HeartbeatDto, isWellFormedHeartbeat } from './learning.dto';

const standard = createValidationPipe();
const acceptedByClassValidator = (body: unknown) =>
  standard.transform(body, { type: 'body', metatype: HeartbeatDto }).then(
    () => true,
    (err: unknown) => {
      if (err instanceof BadRequestException) return false;
      throw err;
    },
  );

const anyValue = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -1, 0, 1, 86_400, 86_401, 2 ** 31, 0.0625, 16, 17),
  fc.integer({ min: -5, max: 100_000 }),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant(null),
);
const segment = fc.oneof(
  fc.record({ fromSecond: fc.double({ min: 0, max: 90_000, noNaN: true }), toSecond: fc.double({ min: 0, max: 90_000, noNaN: true }) }),
  fc.record({ fromSecond: anyValue, toSecond: anyValue }),
  fc.dictionary(fc.string({ maxLength: 6 }), anyValue, { maxKeys: 3 }),
  fc.tuple(fc.nat(), fc.nat()),
);
/** Bodies near the valid ones (every field plausible) and far from them (any field anything). */
const body = fc.record(
  {
    fromSecond: fc.oneof(fc.double({ min: 0, max: 3600, noNaN: true }), anyValue),
    toSecond: fc.oneof(fc.double({ min: 0, max: 3600, noNaN: true }), anyValue),
    playbackRate: fc.oneof(fc.constantFrom(0.5, 1, 1.25, 2), anyValue),
    visible: fc.oneof(fc.boolean(), anyValue),
    clientSeq: fc.oneof(fc.nat(1_000_000), anyValue),
    segments: fc.oneof(fc.array(segment, { maxLength: 3 }), fc.array(segment, { minLength: 50, maxLength: 52 }), anyValue),
    extra: anyValue,
  },
  { requiredKeys: [] },
);

describe('heartbeat body validation', () => {
  it('never accepts on the fast path a body that class-validator refuses', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        if (isWellFormedHeartbeat(b)) expect(await acceptedByClassValidator(b)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the fast path for ordinary heartbeats', () => {
    const ordinary = { fromSecond: 10, toSecond: 20.5, playbackRate: 1.5, visible: true, clientSeq: 3, segments: [{ fromSecond: 0, toSecond: 10 }] };
    expect(isWellFormedHeartbeat(ordinary)).toBe(true);
    expect(isWellFormedHeartbeat({ ...ordinary, segments: undefined })).toBe(true);
  });

  it('answers every other body exactly as the standard pipe does', async () => {
    const pipe = new HeartbeatBodyPipe();
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const [ours, theirs] = await Promise.all([
          pipe.transform(b).then(() => 'ok', (e: BadRequestException) => JSON.stringify(e.getResponse())),
          standard.transform(b, { type: 'body', metatype: HeartbeatDto }).then(() => 'ok', (e: BadRequestException) => JSON.stringify(e.getResponse())),
        ]);
        expect(ours).toBe(theirs);
      }),
      { numRuns: 1000 },
    );
  });
});
