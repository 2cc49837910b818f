/**
 * `2022年7月1日`. A `Date` is read in `timeZone` (the base's, Asia/Shanghai, by default); a
 * calendar date `YYYY-MM-DD` (as PostgreSQL's `date` type arrives) is written as it is.
 */
export function formatChineseDate(date: Date | string, timeZone = 'Asia/Shanghai'): string {
  if (typeof date === 'string') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    const parsed = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : null;
    if (!match || !parsed || parsed.getUTCMonth() !== +match[2] - 1 || parsed.getUTCDate() !== +match[3]) {
      throw new RangeError(`${JSON.stringify(date)} is not a calendar date YYYY-MM-DD`);
    }
    return `${+match[1]}年${+match[2]}月${+match[3]}日`;
  }
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return `${part('year')}年${part('month')}月${part('day')}日`;
}
