import type { components } from '../api/schema';

export type LessonProgress = components['schemas']['LessonProgressView'];

export const LESSON_STATE_TEXT: Record<LessonProgress['state'], string> = {
  not_started: '未开始',
  in_progress: '学习中',
  completed: '已完成',
};

/** 75 → "1 分 15 秒"; whole seconds. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} 分 ${s % 60} 秒` : `${s} 秒`;
}

/** Ledger minutes as hours, e.g. 90 → "1.5". */
export const minutesAsHours = (minutes: number) => String(Math.round((minutes / 60) * 10) / 10);

/** A ratio (0…1) as a whole percentage for progress bars. */
export const percentOf = (ratio: number) => Math.max(0, Math.min(100, Math.round(ratio * 100)));
