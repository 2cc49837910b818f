/** Helpers shared by the server-rendered attendance pages (classroom screen, student check-in). */

/** Class sessions take place at the base in China; pages show its wall-clock time whatever the server's zone. */
const TIME_ZONE = 'Asia/Shanghai';

export const dateFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, month: 'long', day: 'numeric', weekday: 'short' });
export const timeFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });

export { escapeHtml } from '../common/html';

/** "3月1日周日 14:00–16:00" in the base's time zone. */
export function sessionTimeText(startsAt: Date, endsAt: Date): string {
  return `${dateFormat.format(startsAt)} ${timeFormat.format(startsAt)}–${timeFormat.format(endsAt)}`;
}
