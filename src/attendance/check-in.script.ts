import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the student check-in page loads its script from (served by CheckInPageController). */
export const CHECK_IN_SCRIPT_PATH = '/assets/check-in.js';

/**
 * The browser script of the student check-in page (`GET /check-in`): the static file
 * `assets/check-in.js` next to this module, which the build copies into dist (nest-cli.json
 * "assets"). Read once at start-up, so a missing file stops the app instead of a student's check-in.
 */
export const CHECK_IN_SCRIPT = readFileSync(join(__dirname, 'assets', 'check-in.js'), 'utf8');

/** Changes whenever the script does: the page links `?v=<this>`, so the file may be cached for good. */
export const CHECK_IN_SCRIPT_VERSION = createHash('sha256').update(CHECK_IN_SCRIPT).digest('hex').slice(0, 16);
