import { Injectable } from '@nestjs/common';
import { COURSE_SYSTEM_CODES, COURSE_SYSTEM_LABELS, type TierForecast } from '@lms/eligibility';
import { ExamStatistics } from '../assessment/exam-statistics.service';
import { AttendanceFacts } from '../attendance/attendance-facts.service';
import { CourseDirectory } from '../catalog/course-directory.service';
import { CertificateRecord, CertificateRecords } from '../certification/certificate-records.service';
import { HourCredits } from '../hours/hour-credits.service';
import { DirectoryEntry, UserDirectory } from '../identity/user-directory.service';
import { LessonCompletions } from '../learning/lesson-completions.service';
import { DrillFacts } from '../training/drill-facts.service';
import { cohortNotInYear, unknownCohort } from './reports.errors';
import type { AnnualView, CohortForecast, CohortLine, ExamLine, OverviewView, ReportFigures, TierCertificates } from './reports.views';

type Cohort = { id: string; name: string; year: number | null };
type TierInfo = { code: string; name: string; level: number };

/** The calendar year of an instant as the base (in China) sees it. */
export function shanghaiYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(at));
}

const ratio = (n: number, d: number): number | null => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : null);

/**
 * Reports per cohort and per year, computed from the records each time (never stored totals):
 * every fact is read through the owning module's read service, one set-based query per kind of
 * fact for all the students in scope.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly users: UserDirectory,
    private readonly hours: HourCredits,
    private readonly courses: CourseDirectory,
    private readonly lessons: LessonCompletions,
    private readonly exams: ExamStatistics,
    private readonly drills: DrillFacts,
    private readonly attendance: AttendanceFacts,
    private readonly certificates: CertificateRecords,
  ) {}

  async overview(query: { year?: number; cohortId?: string }, now = new Date()): Promise<OverviewView> {
    let year = query.year ?? shanghaiYear(now);
    let cohorts: Cohort[];
    if (query.cohortId) {
      const cohort = await this.users.cohort(query.cohortId);
      if (!cohort) throw unknownCohort();
      if (query.year !== undefined && cohort.year !== query.year) throw cohortNotInYear(query.year, cohort.year);
      if (query.year === undefined && cohort.year !== null) year = cohort.year;
      cohorts = [cohort];
    } else {
      cohorts = await this.users.cohortsOfYear(year);
    }
    const scope = await this.scope(cohorts, year);
    return { year, cohortId: query.cohortId ?? null, trainers: scope.trainers, cohorts: scope.lines, generatedAt: now.toISOString(), ...scope.figures };
  }

  async annual(year: number | undefined, now = new Date()): Promise<AnnualView> {
    const y = year ?? shanghaiYear(now);
    const cohorts = await this.users.cohortsOfYear(y);
    const scope = await this.scope(cohorts, y);
    const byCohort = await Promise.all(
      scope.lines.map(async (line) => ({ ...line, figures: await this.figures(scope.studentsByCohort.get(line.id) ?? [], [line], y, scope.tiers, scope.certs) })),
    );
    return {
      year: y,
      cohortId: null,
      trainers: scope.trainers,
      cohorts: scope.lines,
      generatedAt: now.toISOString(),
      ...scope.figures,
      byCohort,
      summary: summarize(y, scope.figures),
    };
  }

  /** Students of the cohorts, each cohort's stage, and the figures over all of them. */
  private async scope(cohorts: Cohort[], year: number) {
    const [students, roles, tiers] = await Promise.all([
      this.users.studentsOfCohorts(cohorts.map((c) => c.id)),
      this.users.activeCountsByRole(),
      this.certificates.currentTiers(),
    ]);
    const certs = await this.certificates.of(students.map((s) => s.id));
    const studentsByCohort = new Map<string, DirectoryEntry[]>();
    for (const s of students) studentsByCohort.set(s.cohortId!, [...(studentsByCohort.get(s.cohortId!) ?? []), s]);
    const certified = new Set(certs.map((c) => c.studentId));
    const lines: CohortLine[] = cohorts.map((c) => {
      const members = studentsByCohort.get(c.id) ?? [];
      return { id: c.id, name: c.name, year: c.year, students: members.length, stage: members.some((m) => certified.has(m.id)) ? 'completed' : 'in_training' };
    });
    const figures = await this.figures(students, lines, year, tiers, certs);
    return { lines, figures, tiers, certs, studentsByCohort, trainers: roles.trainer ?? 0 };
  }

  private async figures(students: DirectoryEntry[], cohorts: CohortLine[], year: number, tiers: TierInfo[], allCerts: CertificateRecord[]): Promise<ReportFigures> {
    const ids = students.map((s) => s.id);
    const idSet = new Set(ids);
    const inTraining = new Set(cohorts.filter((c) => c.stage === 'in_training').map((c) => c.id));
    const completedIds = students.filter((s) => !inTraining.has(s.cohortId!)).map((s) => s.id);
    const trainingStudents = students.filter((s) => inTraining.has(s.cohortId!));
    const [minutes, lessons, exams, sitters, drills, attendance, forecast] = await Promise.all([
      this.hours.minutesBySystemOf(ids),
      this.lessonCompletion(ids),
      this.exams.byExam(ids),
      this.exams.tierExamSitters(completedIds),
      this.drills.distinctPassed(ids),
      this.attendance.of(ids),
      this.certificates.forecast(trainingStudents.map((s) => s.id)),
    ]);

    const hours = COURSE_SYSTEM_CODES.map((system) => {
      let total = 0;
      for (const m of minutes.values()) total += m[system] ?? 0;
      return { system, systemName: COURSE_SYSTEM_LABELS[system], minutes: total, hours: Math.round((total / 60) * 10) / 10 };
    });

    const certs = allCerts.filter((c) => idSet.has(c.studentId) && shanghaiYear(new Date(c.issuedAt)) === year);
    const standing = certs.filter((c) => c.status !== 'revoked');
    const certifiedSitters = new Set(standing.filter((c) => sitters.has(c.studentId)).map((c) => c.studentId));
    const level = new Map(tiers.map((t) => [t.code, t.level]));
    const highest = new Map<string, string>();
    for (const c of standing) {
      const current = highest.get(c.studentId);
      if (!current || (level.get(c.tierCode) ?? 0) > (level.get(current) ?? 0)) highest.set(c.studentId, c.tierCode);
    }
    const byTier: TierCertificates[] = tiers.map((t) => ({
      tierCode: t.code,
      tierName: t.name,
      issued: certs.filter((c) => c.tierCode === t.code).length,
      revoked: certs.filter((c) => c.tierCode === t.code && c.status === 'revoked').length,
      highestHolders: [...highest.values()].filter((code) => code === t.code).length,
    }));
    const passRate = ratio(certifiedSitters.size, sitters.size);

    let attended = 0;
    let scheduled = 0;
    for (const a of attendance.values()) {
      attended += a.attended;
      scheduled += a.scheduled;
    }
    let drillsPassed = 0;
    let studentsWithPass = 0;
    for (const n of drills.values()) {
      drillsPassed += n;
      if (n > 0) studentsWithPass++;
    }

    return {
      students: students.length,
      hours,
      totalHours: Math.round((hours.reduce((s, h) => s + h.minutes, 0) / 60) * 10) / 10,
      lessons: { ...lessons, completionRate: ratio(lessons.completed, lessons.total) },
      exams: exams.map((e): ExamLine => ({ ...e, passRate: ratio(e.passed, e.graded) })),
      certification: {
        sat: sitters.size,
        certified: certifiedSitters.size,
        passRate,
        passRatePercent: passRate === null ? null : Math.round(passRate * 100),
        byTier,
      },
      drills: { distinctPassed: drillsPassed, studentsWithPass },
      attendance: { attended, scheduled, rate: ratio(attended, scheduled) },
      forecast: cohorts
        .filter((c) => c.stage === 'in_training')
        .map((c) => cohortForecast(c, trainingStudents.filter((s) => s.cohortId === c.id), forecast, tiers)),
    };
  }

  /** Completed lessons of the published versions of the courses each student is enrolled in. */
  private async lessonCompletion(ids: string[]): Promise<{ completed: number; total: number }> {
    const enrolled = await this.courses.enrolledCourses(ids);
    const lessonsByCourse = await this.courses.publishedLessons([...new Set([...enrolled.values()].flat())]);
    const done = await this.lessons.of(ids, [...lessonsByCourse.values()].flat());
    let total = 0;
    let completed = 0;
    for (const [studentId, courseIds] of enrolled) {
      const mine = done.get(studentId) ?? new Set<string>();
      for (const courseId of courseIds) {
        for (const lessonId of lessonsByCourse.get(courseId) ?? []) {
          total++;
          if (mine.has(lessonId)) completed++;
        }
      }
    }
    return { completed, total };
  }
}

function cohortForecast(cohort: CohortLine, members: DirectoryEntry[], forecast: Map<string, TierForecast[]>, tiers: TierInfo[]): CohortForecast {
  return {
    cohortId: cohort.id,
    cohortName: cohort.name,
    students: members.length,
    tiers: tiers.map((t) => {
      const rows = members.map((m) => forecast.get(m.id)?.find((f) => f.tierCode === t.code)).filter((f): f is TierForecast => !!f);
      const eligibleNow = rows.filter((f) => f.eligibleNow).length;
      const oneRuleAway = rows.filter((f) => f.oneRuleAway).length;
      return { tierCode: t.code, tierName: t.name, eligibleNow, oneRuleAway, predicted: eligibleNow + oneRuleAway, held: rows.filter((f) => f.held).length };
    }),
  };
}

/** The annual report's sentences on certification, as the seed's 企业年报 words them, from the figures. */
function summarize(year: number, f: ReportFigures): string[] {
  const out: string[] = [];
  const held = f.certification.byTier.filter((t) => t.highestHolders > 0).map((t) => `“${t.tierName}”${t.highestHolders} 人`);
  if (held.length > 0) {
    const rate = f.certification.passRatePercent === null ? '' : `，认证通过比例 ${f.certification.passRatePercent}%`;
    out.push(`${year} 年度，已获得企业培训认证为${held.join('，')}${rate}。`);
  }
  for (const c of f.forecast) {
    const parts = c.tiers.filter((t) => t.predicted > 0).map((t) => `预计通过“${t.tierName}”${t.predicted} 人`);
    if (parts.length > 0) out.push(`目前，正在对${c.cohortName}学员进行客户体验官认证，${parts.join('，')}。`);
  }
  return out;
}
