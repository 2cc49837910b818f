import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { CatalogService } from '../catalog/catalog.service';
import { CourseDirectory } from '../catalog/course-directory.service';
import type { CourseSnapshot } from '../catalog/catalog.views';
import type { Page, PageQuery } from '../common/pagination.dto';
import { playbackConfig } from './playback.config';
import { DataSource } from 'typeorm';
import { inTransaction } from '../common/transaction';
import { CreditSources } from '../hours/credit-sources';
import { HourCredits } from '../hours/hour-credits.service';
import { HourLedger } from '../hours/hour-ledger.service';
import type { AuthUser } from '../identity/auth.decorators';
import type { LessonProgress } from './entities/lesson-progress.entity';
import { creditCompletedLesson } from './lesson-credit';
import { notOpened, notSelfPaced, tooEarly } from './learning.errors';
import { LearningRepository } from './learning.repository';
import { CourseProgressView, MyCourseView, roundRatio, SelfPacedView, toLessonProgressView } from './learning.views';

const SELF_PACED_MODES = new Set(['reading', 'self_study']);

/** Opening and completing lessons without video, and what a student's progress looks like. */
@Injectable()
export class ProgressService implements OnModuleInit {
  private readonly minSeconds: number;

  constructor(
    private readonly ds: DataSource,
    private readonly repo: LearningRepository,
    private readonly catalog: CatalogService,
    private readonly ledger: HourLedger,
    private readonly credits: HourCredits,
    private readonly creditSources: CreditSources,
    @Inject(playbackConfig.KEY) playback: ConfigType<typeof playbackConfig>,
    private readonly courses: CourseDirectory,
  ) {
    this.minSeconds = playback.selfPacedMinSeconds;
  }

  /** Lesson completions are a source of credit: their progress rows keep what they credited. */
  onModuleInit(): void {
    this.creditSources.register('lesson_completion', async () =>
      (await this.repo.completionCredits()).map((c) => ({ studentId: c.studentId, referenceType: 'lesson', referenceId: c.lessonId, minutes: c.minutes })),
    );
  }

  /** Records that the student opened the lesson (the first opening counts for the minimum time). */
  async open(lessonId: string, student: AuthUser): Promise<SelfPacedView> {
    const { courseId, lesson } = await this.catalog.lessonForStudent(lessonId, student.id);
    const progress = await this.repo.openProgress(student.id, lessonId, courseId);
    return this.selfPacedView(progress, SELF_PACED_MODES.has(lesson.mode));
  }

  /**
   * Completes a reading or self-study lesson once the minimum time since opening has passed, and
   * credits its hours in the same transaction. Completing again changes nothing.
   */
  async complete(lessonId: string, student: AuthUser): Promise<SelfPacedView> {
    const { courseId, systemCode, lesson } = await this.catalog.lessonForStudent(lessonId, student.id);
    if (!SELF_PACED_MODES.has(lesson.mode)) throw notSelfPaced();
    return inTransaction(this.ds, async (tx) => {
      const progress = await this.repo.lockProgress(tx, student.id, lessonId);
      if (!progress) throw notOpened();
      if (progress.state !== 'completed') {
        const completableAtMs = new Date(progress.openedAt).getTime() + this.minSeconds * 1000;
        if (progress.nowMs < completableAtMs) {
          throw tooEarly(new Date(completableAtMs), Math.ceil((completableAtMs - progress.nowMs) / 1000));
        }
        await this.repo.markCompleted(tx, student.id, lessonId, progress.nowMs);
        await creditCompletedLesson(this.ledger, this.repo, tx, { studentId: student.id, lessonId, courseId, systemCode, creditMinutes: lesson.creditMinutes });
        Object.assign(progress, { state: 'completed', completedAt: new Date(progress.nowMs) });
      }
      return this.selfPacedView(progress, true);
    });
  }

  /**
   * The student's courses with their progress, which follows the ledger: a lesson is completed when
   * its progress row says so or its source (an exam pass, a drill pass, attendance) credited it, and
   * a course's credited minutes are what the ledger holds for it.
   */
  async myCourses(student: AuthUser, page: PageQuery): Promise<Page<MyCourseView>> {
    const courses = await this.catalog.listCourses(student, page);
    const ids = courses.items.map((c) => c.id);
    const [published, byCourse] = await Promise.all([this.courses.publishedLessons(ids), this.credits.byCourse(student.id, ids)]);
    const lessonIds = [...published.values()].flat();
    const [progress, byLesson] = await Promise.all([this.repo.progressFor(student.id, lessonIds), this.credits.byLesson(student.id, lessonIds)]);
    const stateOf = new Map(progress.map((p) => [p.lessonId, p.state]));
    const lessons = [...published].flatMap(([courseId, courseLessons]) => courseLessons.map((lessonId) => ({ courseId, lessonId, state: stateOf.get(lessonId) ?? null })));
    const summaries = new Map<string, { startedLessons: number; completedLessons: number }>();
    for (const l of lessons) {
      const s = summaries.get(l.courseId) ?? { startedLessons: 0, completedLessons: 0 };
      const credited = (byLesson.get(l.lessonId) ?? 0) > 0;
      if (l.state !== null || credited) s.startedLessons++;
      if (l.state === 'completed' || credited) s.completedLessons++;
      summaries.set(l.courseId, s);
    }
    return {
      items: courses.items.map((course) => {
        const s = summaries.get(course.id) ?? { startedLessons: 0, completedLessons: 0 };
        const creditedMinutes = Math.max(0, byCourse.get(course.id) ?? 0);
        return { ...course, ...s, creditedMinutes, completion: roundRatio(course.lessonCount ? s.completedLessons / course.lessonCount : 0) };
      }),
      total: courses.total,
    };
  }

  /** Every lesson of the course's published version with the student's state in it, as the ledger credits it. */
  async courseProgress(courseId: string, student: AuthUser): Promise<CourseProgressView> {
    const course = JSON.parse(await this.catalog.publishedCourseJsonForStudent(courseId, student.id)) as CourseSnapshot & { version: number };
    const lessons = course.modules.flatMap((m) => m.lessons.map((lesson) => ({ lesson, moduleId: m.id })));
    const ids = lessons.map((l) => l.lesson.id);
    const [rows, credited, byCourse] = await Promise.all([
      this.repo.progressFor(student.id, ids),
      this.credits.byLesson(student.id, ids),
      this.credits.byCourse(student.id, [courseId]),
    ]);
    const byLesson = new Map(rows.map((r) => [r.lessonId, r]));
    const views = lessons.map(({ lesson, moduleId }) => toLessonProgressView(lesson, moduleId, byLesson.get(lesson.id), credited.get(lesson.id) ?? 0));
    return {
      courseId,
      version: course.version,
      completedLessons: views.filter((v) => v.state === 'completed').length,
      lessonCount: views.length,
      creditedMinutes: Math.max(0, byCourse.get(courseId) ?? 0),
      lessons: views,
    };
  }

  private selfPacedView(progress: LessonProgress, selfPaced: boolean): SelfPacedView {
    const openedAt = new Date(progress.openedAt);
    return {
      lessonId: progress.lessonId,
      state: progress.state,
      openedAt: openedAt.toISOString(),
      completableAt: selfPaced ? new Date(openedAt.getTime() + this.minSeconds * 1000).toISOString() : null,
      completedAt: progress.completedAt ? new Date(progress.completedAt).toISOString() : null,
    };
  }
}
