// Number and label formatting for the Chinese sentences. Values shown are rounded DOWN so that a
// figure never looks like it reaches a threshold that it does not reach.

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 25 → 二十五; outside 1–99 the Arabic figure. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** `cxo-2` → 二段; any other code is shown as it is. */
export function tierShortLabel(tierCode: string): string {
  const m = /^cxo-(\d{1,2})$/.exec(tierCode);
  return m ? `${chineseNumeral(Number(m[1]))}段` : tierCode;
}

/** Whole minutes as 小时/分钟: 720 → "12 小时", 690 → "11 小时 30 分钟", 25 → "25 分钟". */
export function formatMinutes(minutes: number): string {
  const total = Math.max(0, Math.ceil(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (m === 0) return `${h} 小时`;
  if (h === 0) return `${m} 分钟`;
  return `${h} 小时 ${m} 分钟`;
}

/** Rounded down to `decimals` decimals, without binary noise (72.99999 → 72.9, not 73). */
export function floorTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  // The epsilon keeps exact decimals exact: 0.29 × 100 is 28.999999999999996 in binary.
  return Math.floor(value * f + 1e-9) / f;
}
