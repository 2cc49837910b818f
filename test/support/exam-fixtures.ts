// Small factories for the assessment tests: banks, questions, exams, students, and waiting.
import type TestAgent from 'supertest/lib/agent';

export interface Http {
  http: () => TestAgent;
}

export interface Student {
  id: string;
  username: string;
  token: string;
}

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** One question of every type; keys and explanations carry markers a leak scan can look for. */
export const SAMPLE_QUESTIONS = {
  single: {
    type: 'single',
    stem: '客户体验官的第一原则是？',
    options: [
      { key: 'A', text: '客户第一' },
      { key: 'B', text: '先完成业绩' },
      { key: 'C', text: '少说多做' },
      { key: 'D', text: '按心情处理' },
    ],
    answer: 'A',
    points: 2,
    tags: ['企业文化'],
    difficulty: 'easy',
    explanation: 'KEYLEAK-EXPLAIN-single 客户第一是首要原则。',
  },
  multiple: {
    type: 'multiple',
    stem: '下列哪些属于服务禁忌？',
    options: [
      { key: 'A', text: '推诿' },
      { key: 'B', text: '承诺规则外赔偿' },
      { key: 'C', text: '耐心倾听' },
      { key: 'D', text: '与顾客争执' },
    ],
    answer: ['A', 'B', 'D'],
    scoring: 'proportional',
    points: 3,
    tags: ['基本行为'],
    difficulty: 'medium',
    explanation: 'KEYLEAK-EXPLAIN-multiple',
  },
  true_false: {
    type: 'true_false',
    stem: '客服可以承诺平台规则之外的赔偿。',
    answer: false,
    points: 1,
    tags: ['基本行为'],
    explanation: 'KEYLEAK-EXPLAIN-tf',
  },
  fill_blank: {
    type: 'fill_blank',
    stem: '七天无理由退货的期限是____天，从____起算。',
    answer: [['7', '七', 'KEYLEAK-BLANK-ALT'], ['签收', '签收次日']],
    points: 2,
    tags: ['业务范围'],
    explanation: 'KEYLEAK-EXPLAIN-fill',
  },
  short_answer: {
    type: 'short_answer',
    stem: '面对情绪激动的消费者，你会怎么做？',
    answer: {
      points: [
        { id: 'calm', label: 'KEYLEAK-LABEL-安抚', score: 40, phrases: ['安抚', 'KEYLEAK-PHRASE-倾听'] },
        { id: 'solve', label: '解决问题', score: 60, phrases: ['解决问题', '方案'] },
      ],
      passScore: 60,
      requiresReview: false,
    },
    points: 10,
    tags: ['企业文化'],
  },
  scenario: {
    type: 'scenario',
    stem: '消费者：“买的鞋子不合脚，卖家说试穿过不给退！”',
    answer: {
      points: [
        { id: 'sorry', label: 'KEYLEAK-LABEL-致歉', score: 30, phrases: ['抱歉', '理解您'] },
        { id: 'rule', label: '说明规则', score: 70, phrases: ['不影响二次销售', 'KEYLEAK-PHRASE-七天无理由'] },
      ],
      forbidden: [{ id: 'promise', label: '承诺结果', phrases: ['保证退款成功'], penalty: 30, fatal: true }],
      passScore: 60,
      requiresReview: true,
    },
    points: 20,
    tags: ['疑难场景'],
  },
} as const;

export const LEAK_MARKER = 'KEYLEAK';

export async function makeBank(t: Http, token: string, title = '测试题库'): Promise<{ id: string }> {
  const res = await t.http().post('/api/question-banks').set(auth(token)).send({ title });
  if (res.status !== 201) throw new Error(`bank: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function addQuestion(t: Http, token: string, bankId: string, body: object): Promise<{ id: string; version: number }> {
  const res = await t.http().post(`/api/question-banks/${bankId}/questions`).set(auth(token)).send(body);
  if (res.status !== 201) throw new Error(`question: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A bank holding `n` single-choice questions whose key is always "A". */
export async function makeChoiceBank(t: Http, token: string, n: number, tag = '通用'): Promise<{ id: string }> {
  const bank = await makeBank(t, token, `单选题库 ${tag}`);
  const questions = Array.from({ length: n }, (_, i) => ({ ...SAMPLE_QUESTIONS.single, stem: `第 ${i + 1} 题：客户体验官的第一原则是？`, tags: [tag] }));
  const res = await t.http().post(`/api/question-banks/${bank.id}/import`).set(auth(token)).send(questions);
  if (res.status !== 200 || res.body.created !== n) throw new Error(`import: ${res.status} ${JSON.stringify(res.body)}`);
  return bank;
}

export async function makeExam(t: Http, token: string, body: Record<string, unknown>): Promise<{ id: string } & Record<string, unknown>> {
  const res = await t.http().post('/api/exams').set(auth(token)).send({ title: '测试考试', timeLimitMinutes: 30, passScore: 60, maxAttempts: 3, ...body });
  if (res.status !== 201) throw new Error(`exam: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Creates `n` students through the CSV import (in one cohort) and signs each of them in. */
export async function makeStudents(t: Http, adminToken: string, n: number, prefix: string, cohort = `队列 ${prefix}`): Promise<Student[]> {
  const password = 'exam-pass-2022';
  const csv = ['username,display_name,role,cohort,password', ...Array.from({ length: n }, (_, i) => `${prefix}${i},学员${i},student,${cohort},${password}`)].join('\n');
  const res = await t.http().post('/api/users/import?createCohorts=true').set(auth(adminToken)).set('Content-Type', 'text/csv').send(csv);
  if (res.status !== 200 || res.body.created !== n) throw new Error(`students: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  const rows: Array<{ username: string; userId: string }> = res.body.rows;
  return Promise.all(
    rows.map(async (r) => {
      const login = await t.http().post('/api/auth/login').send({ username: r.username, password });
      if (login.status !== 200) throw new Error(`login ${r.username}: ${login.status}`);
      return { id: r.userId, username: r.username, token: login.body.accessToken as string };
    }),
  );
}

export async function cohortIdOf(t: Http, adminToken: string, name: string): Promise<string> {
  const res = await t.http().get('/api/cohorts').set(auth(adminToken));
  const cohort = (res.body.items as Array<{ id: string; name: string }>).find((c) => c.name === name);
  if (!cohort) throw new Error(`no cohort ${name}`);
  return cohort.id;
}

/** Polls until `probe` returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Every string anywhere in a JSON value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...stringsIn(v)]);
  return [];
}
