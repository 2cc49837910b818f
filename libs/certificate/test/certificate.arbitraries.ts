import fc from 'fast-check';
import { MAX_SERIAL_NUMBER, MAX_SERIAL_YEAR, MIN_SERIAL_YEAR } from '../src/serial';

/** Tier codes as `formatSerial` accepts them: `cxo-1`, `ab-12`. */
export const tierCodeArb = fc
  .tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.integer({ min: 1, max: 99 }))
  .map(([word, level]) => `${word}-${level}`);

export const serialYearArb = fc.integer({ min: MIN_SERIAL_YEAR, max: MAX_SERIAL_YEAR });
export const serialNumberArb = fc.integer({ min: 1, max: MAX_SERIAL_NUMBER });

const HAN = '张王李赵欧阳司马小明三四丽华建国伟芳娜静敏强磊军洋勇艳杰娟涛超秀霞平刚桂英';
const hanCharArb = fc.constantFrom(...Array.from(HAN));

/** Chinese names of one to six characters (single and double surnames, long minority names). */
export const chineseNameArb = fc.array(hanCharArb, { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));

/** Latin names of one to three words, some with accents. */
export const latinNameArb = fc
  .array(fc.stringMatching(/^[A-Z][a-zéèüöçñ]{0,11}$/), { minLength: 1, maxLength: 3 })
  .map((words) => words.join(' '));

export const holderNameArb = fc.oneof(chineseNameArb, latinNameArb);

/** Sets of revoked indices inside a status list of `length` bits. */
export const revokedIndicesArb = (length: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: length - 1 }), { maxLength: 300 });
