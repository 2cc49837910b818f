import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bodies nested deeper than this are refused before anything walks them (validation recurses). */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * The deepest nesting of arrays and objects in a JSON text, read from its bytes without parsing
 * (so that a hostile body costs one linear scan and no recursion). Stops counting once `limit` is
 * passed. Brackets inside strings do not count.
 */
export function jsonNestingDepth(bytes: Uint8Array, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACKET || b === OPEN_BRACE) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (b === CLOSE_BRACKET || b === CLOSE_BRACE) depth--;
  }
  return deepest;
}

/** The error the JSON body parser raises for a body nested too deeply (mapped to 400 JSON_TOO_DEEP). */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
  constructor(readonly maxDepth: number) {
    super(`The JSON body is nested more than ${maxDepth} levels deep`);
  }
}

/** body-parser's `verify` hook: refuses a JSON body deeper than `maxDepth` before it is parsed. */
export function refuseDeepJson(maxDepth = MAX_JSON_DEPTH) {
  return (_req: IncomingMessage, _res: ServerResponse, buf: Buffer): void => {
    if (jsonNestingDepth(buf, maxDepth) > maxDepth) throw new JsonTooDeepError(maxDepth);
  };
}
