import type { INestApplicationContext } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Type } from '@nestjs/common';
import { AttemptSubmissionService } from '../assessment/attempt-submission.service';
import { AttemptService } from '../assessment/attempt.service';
import type { AttemptQuestionView } from '../assessment/assessment.views';
import { ExamService } from '../assessment/exam.service';
import { TierExamResults } from '../assessment/tier-exam-results.service';
import { AttendanceService } from '../attendance/attendance.service';
import { ClassSessionsService } from '../attendance/class-sessions.service';
import { CatalogService } from '../catalog/catalog.service';
import { CourseAuthoringService } from '../catalog/course-authoring.service';
import { CertificateRecords } from '../certification/certificate-records.service';
import { CertificatesService } from '../certification/certificates.service';
import { appConfig } from '../config/app.config';
import { seedsConfig } from './seeds.config';
import { AttemptGradingService } from '../assessment/grading/attempt-grading.service';
import { ReviewService } from '../assessment/grading/review.service';
import { HourCredits } from '../hours/hour-credits.service';
import { HoursService } from '../hours/hours.service';
import type { AuthUser } from '../identity/auth.decorators';
import { PasswordHasher } from '../identity/password-hasher.service';
import { UserDirectory } from '../identity/user-directory.service';
import { UsersRepository } from '../identity/users.repository';
import { ProgressService } from '../learning/progress.service';
import { DrillFacts } from '../training/drill-facts.service';
import { DrillReviewService } from '../training/drill-review.service';
import { DrillGradingService } from '../training/drill-grading.service';
import { DrillSubmissionService } from '../training/drill-submission.service';
import { TrainingRepository } from '../training/training.repository';
import { DEMO_COHORT, DEMO_PASSWORD } from './demo-accounts.seeder';
import { loadSeedFiles, type SeedFiles } from './seed-files';

/**
 * npm run seed:demo-2022: recreates the year 2022 of the seed's 企业年报 through the application's
 * own services, so that the annual report computes the seed's figures from the records:
 *
 * - 2022 上半年 (completed): 116 candidates sat the 一段 certification exam; 95 passed and were
 *   certified in June 2022, one of them went on to 二段 (30 drills, 20 h of general classes, the
 *   二段 exam) — 一段 94 人，二段 1 人，认证通过比例 95 ÷ 116 ≈ 82 %.
 * - 2022 下半年 (in training): 100 interns; the forecast gives 一段 68 (40 eligible now, 28 with the
 *   hours and the exam still to sit), 二段 22 (eligible for 一段, ≥ 30 drills, ≥ 20 general hours;
 *   their 二段 exam comes after the 一段 certificate) and 三段 1 (as 二段, with 40 general hours,
 *   a professional direction still to complete). The seed's "一段 22 人" is a typo for 二段.
 *
 * Every record is made by the service that owns it: accounts (identity), enrolments (catalog),
 * reading lessons completed (learning), practical hours not covered by the lessons as admin hour
 * adjustments with a reason (hours: the base's 2022 classroom hours are not in the system, and
 * video lessons can only be credited by really watching them), tier exam attempts started,
 * answered, submitted and graded by the real graders (assessment, grading; short answers
 * reviewed by the trainer), drill replies graded by the drill grader (training), class sessions
 * dated in 2022 with the trainer's attendance (attendance), certificates issued with an issue
 * date in 2022 (certification). Idempotent: each step looks at what is there and only adds what
 * is missing, so a second run changes nothing.
 */

export const DEMO_2022 = {
  firstHalf: { cohort: DEMO_COHORT, prefix: 'c22a', candidates: 116, certified: 95, secondTier: 1 },
  secondHalf: { cohort: '2022 下半年', prefix: 'c22b', interns: 100, examPassed: 40, fullHours: 68, secondTier: 22, thirdTier: 1 },
} as const;

const PRACTICAL_MINUTES = 64 * 60;
const SHORT_PRACTICAL_MINUTES = 30 * 60;
const CXO1_ISSUED_AT = new Date('2022-06-28T10:00:00+08:00');
const CXO2_ISSUED_AT = new Date('2022-07-08T10:00:00+08:00');
const ADJUSTMENT_REASON = '2022 年实务技巧课程线下授课学时补录（演示数据）';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['晓东', '雨桐', '子涵', '浩然', '欣怡', '思远', '佳琪', '俊杰', '梦瑶', '志强', '雅婷', '宇航', '诗涵', '博文', '静怡', '天佑', '可馨', '嘉豪', '若曦', '明轩'];

type SeedQuestion = Record<string, unknown> & { type: string; stem: string; answer: unknown; explanation?: string; options?: Array<{ key: string; text: string }> };

export interface Demo2022Report {
  accounts: number;
  lessonsCompleted: number;
  hourAdjustments: number;
  attempts: number;
  reviews: number;
  drillSubmissions: number;
  sessions: number;
  attendanceRecords: number;
  certificates: number;
}

/** Runs in-process against an application context (the CLI's, or a test's app). */
export class Demo2022Generator {
  private readonly report: Demo2022Report = { accounts: 0, lessonsCompleted: 0, hourAdjustments: 0, attempts: 0, reviews: 0, drillSubmissions: 0, sessions: 0, attendanceRecords: 0, certificates: 0 };
  private admin!: AuthUser;
  private trainer!: AuthUser;
  private readonly seeds: SeedFiles;
  private readonly keys = new Map<string, SeedQuestion>();

  constructor(private readonly ctx: INestApplicationContext) {
    const app = this.ctx.get<ConfigType<typeof appConfig>>(appConfig.KEY, { strict: false });
    if (app.env === 'production') throw new Error('seed:demo-2022 refuses to run with NODE_ENV=production');
    if (!app.demoMode) throw new Error('seed:demo-2022 needs demo mode (the admin and trainer1 demo accounts)');
    this.seeds = loadSeedFiles(this.ctx.get<ConfigType<typeof seedsConfig>>(seedsConfig.KEY, { strict: false }).dir);
    for (const bank of this.seeds.banks) for (const q of bank.questions) this.keys.set(String(q.stem), q as unknown as SeedQuestion);
  }

  private get<T>(token: Type<T> | Function): T {
    return this.ctx.get(token as Type<T>, { strict: false });
  }

  async run(): Promise<Demo2022Report> {
    this.admin = await this.staff('admin');
    this.trainer = await this.staff('trainer1');
    const courses = await this.courseIds();
    const exams = await this.tierExams();

    // ---------------------------------------------------------------- 2022 上半年 (completed)
    const a = DEMO_2022.firstHalf;
    const first = await this.students(a.cohort, 2022, a.prefix, a.candidates, 0);
    await this.enroll(first.cohortId, [courses.practical, ...courses.general]);
    await this.readingLessons(first.students, courses.practicalSelfPaced);
    await this.practicalHours(first.students.map((s) => [s, PRACTICAL_MINUTES]));
    const secondTierA = first.students.slice(0, a.secondTier);
    await this.attendance(a.cohort, '2022-03-07T14:00:00+08:00', courses.generalSessions, first.students, (i, k) => (i < a.secondTier ? true : (i + k) % 10 !== 0));
    await this.drills(secondTierA, 30);
    await this.tierExam(exams['cxo-1'], first.students, (i) => i < a.certified);
    await this.issue(first.students.slice(0, a.certified), 'cxo-1', CXO1_ISSUED_AT);
    await this.tierExam(exams['cxo-2'], secondTierA, () => true);
    await this.issue(secondTierA, 'cxo-2', CXO2_ISSUED_AT);

    // ---------------------------------------------------------------- 2022 下半年 (in training)
    const b = DEMO_2022.secondHalf;
    const second = await this.students(b.cohort, 2022, b.prefix, b.interns, a.candidates);
    await this.enroll(second.cohortId, [courses.practical, ...courses.general]);
    await this.readingLessons(second.students, courses.practicalSelfPaced);
    await this.practicalHours(second.students.map((s, i) => [s, i < b.fullHours ? PRACTICAL_MINUTES : SHORT_PRACTICAL_MINUTES]));
    // General classes: the 三段 candidate attends all (40 h), the 二段 candidates the first 8 (21 h), the others the first 4 (10 h).
    await this.attendance(b.cohort, '2022-09-05T14:00:00+08:00', courses.generalSessions, second.students, (i, k) => k < (i < b.thirdTier ? 14 : i < b.secondTier ? 8 : 4));
    await this.drills(second.students.slice(0, b.secondTier), 30);
    await this.drills(second.students.slice(b.secondTier, b.examPassed), 5);
    await this.tierExam(exams['cxo-1'], second.students.slice(0, b.examPassed), () => true);
    return this.report;
  }

  // ---------------------------------------------------------------- steps

  private async staff(username: string): Promise<AuthUser> {
    const page = await this.get(UsersRepository).list({ q: username, limit: 10, offset: 0 } as never);
    const user = page.items.find((u) => u.username === username);
    if (!user) throw new Error(`seed:demo-2022 needs the demo account ${username}: start the app once in demo mode (or run npm run seed)`);
    return { id: user.id, username: user.username, role: user.role, sessionId: 'seed-demo-2022' };
  }

  /** The cohort and its demo candidates (created when missing), in a stable order. */
  private async students(cohortName: string, year: number, prefix: string, count: number, nameOffset: number): Promise<{ cohortId: string; students: AuthUser[] }> {
    const users = this.get(UsersRepository);
    const { cohort } = await users.upsertCohort(cohortName, year);
    const usernames = Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}`);
    const existing = await users.existingUsernames(usernames);
    const missing = usernames.filter((u) => !existing.has(u));
    if (missing.length > 0) {
      // One hash for all demo candidates: they share the published demo password.
      const passwordHash = await this.get(PasswordHasher).hash(DEMO_PASSWORD);
      for (const username of missing) {
        const n = usernames.indexOf(username) + nameOffset;
        const displayName = `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / SURNAMES.length + n) % GIVEN.length]}`;
        if (await users.insert({ username, displayName, role: 'student', cohortId: cohort.id, passwordHash })) this.report.accounts++;
      }
    }
    const members = new Map((await this.get(UserDirectory).studentsOfCohort(cohort.id)).map((s) => [s.username, s]));
    return {
      cohortId: cohort.id,
      students: usernames.map((u) => {
        const s = members.get(u);
        if (!s) throw new Error(`demo candidate ${u} is not an active student of ${cohortName}`);
        return { id: s.id, username: s.username, role: 'student', sessionId: 'seed-demo-2022' };
      }),
    };
  }

  private async courseIds() {
    const catalog = this.get(CatalogService);
    const list = async (system: 'practical' | 'general') => (await catalog.listCourses(this.admin, { system, limit: 100, offset: 0 })).items.filter((c) => c.status === 'published');
    const [practical] = await list('practical');
    const general = await list('general');
    if (!practical || general.length === 0) throw new Error('seed:demo-2022 needs the seeded curriculum (npm run seed)');
    const snapshot = JSON.parse(await catalog.publishedCourseJson(practical.id)) as { modules: Array<{ lessons: Array<{ id: string; mode: string }> }> };
    return {
      practical: practical.id,
      practicalSelfPaced: snapshot.modules.flatMap((m) => m.lessons).filter((l) => l.mode === 'reading' || l.mode === 'self_study').map((l) => l.id),
      general: general.map((c) => c.id),
      generalSessions: general.map((c) => ({ courseId: c.id, title: c.title, minutes: c.creditMinutes })),
    };
  }

  private async tierExams(): Promise<Record<'cxo-1' | 'cxo-2', string>> {
    const { items } = await this.get(ExamService).list(this.admin, 200, 0);
    const find = (tier: string) => {
      const exam = items.find((i) => i.exam.tierCode === tier);
      if (!exam) throw new Error(`seed:demo-2022 needs the seeded ${tier} certification exam`);
      return exam.exam.id;
    };
    return { 'cxo-1': find('cxo-1'), 'cxo-2': find('cxo-2') };
  }

  private async enroll(cohortId: string, courseIds: string[]): Promise<void> {
    for (const courseId of courseIds) await this.get(CourseAuthoringService).enroll(courseId, { cohortId }, this.admin);
  }

  /** The practical course's reading and self-study lessons, opened and completed by each student (credits their minutes). */
  private async readingLessons(students: AuthUser[], lessonIds: string[]): Promise<void> {
    const progress = this.get(ProgressService);
    await inBatches(students, 6, async (s) => {
      for (const lessonId of lessonIds) {
        const opened = await progress.open(lessonId, s);
        if (opened.state === 'completed') continue;
        await progress.complete(lessonId, s);
        this.report.lessonsCompleted++;
      }
    });
  }

  /** Tops each student's practical hours up to the target with one admin adjustment (nothing when already there). */
  private async practicalHours(targets: Array<[AuthUser, number]>): Promise<void> {
    const credited = await this.get(HourCredits).minutesBySystemOf(targets.map(([s]) => s.id));
    for (const [s, target] of targets) {
      const missing = target - (credited.get(s.id)?.practical ?? 0);
      if (missing <= 0) continue;
      await this.get(HoursService).adjust(s.id, { system: 'practical', minutes: missing, reason: ADJUSTMENT_REASON }, this.admin);
      this.report.hourAdjustments++;
    }
  }

  /** One class session per general course for the cohort (weekly from `from`), and the trainer's attendance record of who came. */
  private async attendance(
    cohortName: string,
    from: string,
    courses: Array<{ courseId: string; title: string; minutes: number }>,
    students: AuthUser[],
    present: (studentIndex: number, sessionIndex: number) => boolean,
  ): Promise<void> {
    const sessions = this.get(ClassSessionsService);
    const attendance = this.get(AttendanceService);
    for (const [k, course] of courses.entries()) {
      const title = `${cohortName} 第 ${k + 1} 次课：${course.title}`;
      const existing = (await sessions.list(course.courseId, this.admin, 200, 0)).items.find((x) => x.title === title);
      const session =
        existing ??
        (await sessions.schedule(
          {
            courseId: course.courseId,
            title,
            startsAt: new Date(new Date(from).getTime() + k * 7 * 86_400_000),
            durationMinutes: course.minutes,
            creditMinutes: course.minutes,
            place: '新零售人才孵化基地 培训室',
            delivery: 'offline',
          },
          this.admin,
        ));
      if (!existing) this.report.sessions++;
      // The trainer records who was there; a held session without a record counts as an absence.
      await inBatches([...students.entries()].filter(([i]) => present(i, k)), 6, async ([, s]) => {
        await attendance.correct(session.id, s.id, { status: 'present' }, this.trainer);
        if (!existing) this.report.attendanceRecords++;
      });
    }
  }

  /** Passing replies (the scenarios' model replies) to the first `count` scenarios, graded by the drill grader. */
  private async drills(students: AuthUser[], count: number): Promise<void> {
    const scenarios = (await this.get(TrainingRepository).listScenarios(200, 0)).items;
    const replies = new Map(this.seeds.scenarios.map((s) => [s.title, s.modelReply]));
    const chosen = scenarios.filter((s) => replies.get(s.title)).slice(0, count);
    const passed = await this.get(DrillFacts).distinctPassed(students.map((s) => s.id));
    await inBatches(students, 6, async (s) => {
      if ((passed.get(s.id) ?? 0) >= chosen.length) return;
      for (const scenario of chosen) {
        const submission = await this.get(DrillSubmissionService).submit(scenario.id, { reply: replies.get(scenario.title)!, clientSubmissionId: `demo2022-${scenario.id}` }, undefined, s);
        if ((await this.get(DrillGradingService).grade(submission.id)) === 'graded') this.report.drillSubmissions++;
        const graded = await this.get(DrillSubmissionService).get(submission.id, this.trainer);
        // Scenarios that always go to 质检 (or a reply the integrity check flags) wait for the trainer: they confirm the model reply.
        if (graded.status === 'needs_review') {
          await this.get(DrillReviewService).review(submission.id, { score: graded.autoScore ?? graded.maxScore ?? 0, passed: true, comment: '质检确认：回复规范，要点齐全' }, this.trainer);
        }
      }
    });
  }

  /** Each student who has no graded attempt yet sits the exam: the key's answers when they pass, about half of them otherwise. */
  private async tierExam(examId: string, students: AuthUser[], passes: (i: number) => boolean): Promise<void> {
    const exam = await this.get(ExamService).get(examId);
    const done = await this.get(TierExamResults).bestScores(students.map((s) => s.id), [exam.tierCode!]);
    await inBatches([...students.entries()], 6, async ([i, s]) => {
      if (done.get(s.id)?.[exam.tierCode!]) return;
      const { view } = await this.get(AttemptService).start(examId, s);
      const pass = passes(i);
      for (const [n, q] of view.questions.entries()) {
        const right = pass || n % 2 === 0;
        await this.get(AttemptService).saveAnswer(view.id, q.id, this.answer(q, right), 1, s);
      }
      await this.get(AttemptSubmissionService).submit(view.id, s);
      const outcome = await this.get(AttemptGradingService).grade(view.id);
      this.report.attempts++;
      // 'skipped': the worker's grading job got there first and may have left answers to review.
      if (outcome !== 'graded') await this.review(view.id, examId, pass);
    });
  }

  /** The trainer reviews the attempt's pending answers: full marks for a passing candidate, none otherwise. */
  private async review(attemptId: string, examId: string, pass: boolean): Promise<void> {
    const reviews = this.get(ReviewService);
    const { items } = await reviews.list({ status: 'pending', examId, limit: 200, offset: 0 });
    for (const task of items.filter((r) => r.attemptId === attemptId)) {
      await reviews.review(task.id, { score: pass ? task.maxScore : 0, comment: pass ? '要点完整' : '要点缺失' }, this.trainer);
      this.report.reviews++;
    }
  }

  private answer(q: AttemptQuestionView, right: boolean): unknown {
    const key = this.keys.get(q.stem);
    if (!key) throw new Error(`no seeded key for the question "${q.stem}"`);
    const keyText = (k: unknown) => key.options?.find((o) => o.key === k)?.text;
    const viewKey = (text: string | undefined) => q.options?.find((o) => o.text === text)?.key;
    switch (q.type) {
      case 'single': {
        const correct = viewKey(keyText(key.answer));
        return right ? correct : q.options?.find((o) => o.key !== correct)?.key;
      }
      case 'multiple': {
        const correct = (key.answer as string[]).map((k) => viewKey(keyText(k)));
        return right ? correct : q.options?.filter((o) => !correct.includes(o.key)).map((o) => o.key).slice(0, 1);
      }
      case 'true_false':
        return right ? key.answer : !key.answer;
      case 'fill_blank':
        return (key.answer as string[][]).map((alternatives) => (right ? alternatives[0] : '不清楚'));
      default: {
        const model = String(key.explanation ?? '').replace(/^参考(答案|回复)[:：]/, '');
        return right ? model : '不太清楚，需要再学习一下。';
      }
    }
  }

  private async issue(students: AuthUser[], tierCode: string, issuedAt: Date): Promise<void> {
    const held = await this.get(CertificateRecords).of(students.map((s) => s.id));
    const has = new Set(held.filter((c) => c.tierCode === tierCode && c.status !== 'revoked').map((c) => c.studentId));
    for (const s of students) {
      if (has.has(s.id)) continue;
      await this.get(CertificatesService).issue(s.id, tierCode, this.admin, { issuedAt });
      this.report.certificates++;
    }
  }
}

/** Runs `work` over the items with at most `width` at a time. */
async function inBatches<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}
