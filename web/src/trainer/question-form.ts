/** Turns the question form's plain-text answer into the API's answer key, by question type, and back. */
export function parseAnswer(type: string, text: string): unknown {
  const t = text.trim();
  switch (type) {
    case 'single':
      return t.toUpperCase();
    case 'multiple':
      return t
        .split(/[\s,，、]+/)
        .filter(Boolean)
        .map((k) => k.toUpperCase());
    case 'true_false':
      return ['对', '正确', 'true', '是', 't', 'y'].includes(t.toLowerCase());
    case 'fill_blank':
      return t
        .split('\n')
        .map((line) => line.split('|').map((s) => s.trim()).filter(Boolean))
        .filter((alts) => alts.length > 0);
    default:
      // Rubric-scored types take the rubric as JSON.
      try {
        return JSON.parse(t);
      } catch {
        return t;
      }
  }
}

export function answerText(type: string, answer: unknown): string {
  if (type === 'single' && typeof answer === 'string') return answer;
  if (type === 'multiple' && Array.isArray(answer)) return answer.join(',');
  if (type === 'true_false') return answer === true ? '对' : '错';
  if (type === 'fill_blank' && Array.isArray(answer)) return answer.map((alts) => (Array.isArray(alts) ? alts.join('|') : String(alts))).join('\n');
  return JSON.stringify(answer, null, 2);
}

/** Options typed one per line become A, B, C … */
export function parseOptions(text: string | undefined): Array<{ key: string; text: string }> {
  return (text ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((line, i) => ({ key: String.fromCharCode(65 + i), text: line.replace(/^[A-J][.、．:：]\s*/, '') }));
}

export const ANSWER_HINTS: Record<string, string> = {
  single: '填选项字母，例如 A',
  multiple: '填多个选项字母，用逗号分隔，例如 A,C',
  true_false: '填“对”或“错”',
  fill_blank: '每行一个空，可接受的多个答案用 | 分隔',
  short_answer: '评分要点（JSON 格式的评分标准）',
  scenario: '评分要点（JSON 格式的评分标准）',
};
