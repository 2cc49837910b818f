import type { AttemptQuestionView, AttemptStatus, ReviewPolicy } from '../api/views';

export const ATTEMPT_STATUS_TEXT: Record<AttemptStatus, string> = {
  in_progress: '作答中',
  submitted: '阅卷中',
  graded: '已出分',
  needs_review: '待人工阅卷',
};

export const REVIEW_POLICY_TEXT: Record<ReviewPolicy, string> = {
  never: '本场考试不公布答案与解析。',
  after_submit: '交卷后可查看答案与解析。',
  after_graded: '出分后可查看答案与解析。',
  after_close: '考试结束后可查看答案与解析。',
};

/** Whether an answer counts as given (an empty text or a list of empty blanks does not). */
export function isAnswered(answer: unknown): boolean {
  if (answer === null || answer === undefined) return false;
  if (typeof answer === 'string') return answer.trim().length > 0;
  if (Array.isArray(answer)) return answer.some((x) => typeof x === 'string' && x.trim().length > 0);
  return true;
}

/** An answer or a key in words: option keys, 正确/错误, blanks, or a rubric's points. */
export function answerText(q: Pick<AttemptQuestionView, 'type'>, value: unknown): string {
  if (value === null || value === undefined) return '未作答';
  if (q.type === 'true_false') return value === true ? '正确' : value === false ? '错误' : String(value);
  if (Array.isArray(value)) return value.map((v) => (Array.isArray(v) ? v.join(' / ') : (v ?? '（空）'))).join('；');
  if (typeof value === 'object') {
    const points = (value as { points?: Array<{ label: string }> }).points;
    return points ? `要点：${points.map((p) => p.label).join('、')}` : '';
  }
  return String(value);
}

/** mm:ss (or h:mm:ss) for a countdown. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}
