import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CatalogService } from '../catalog/catalog.service';
import type { CourseSnapshot } from '../catalog/catalog.views';
import type { Page, PageQuery } from '../common/pagination.dto';
import type { AppConfig } from '../config/app-config';
import { HoursRepository } from '../hours/hours.repository';
import type { AuthUser } from '../identity/auth.decorators';
import type { LessonProgress } from './entities/lesson-progress.entity';
import { creditCompletedLesson } from './lesson-credit';
import { notOpened, notSelfPaced, tooEarly } from './learning.errors';
import { LearningRepository } from './learning.repository';
import { CourseProgressView, MyCourseView, roundRatio, SelfPacedView, toLessonProgressView } from './learning.views';

const SELF_PACED_MODES = new Set(['reading', 'self_study']);

/** Opening and completing lessons without video, and what a student's progress looks like. */
@Injectable()
export class ProgressService {
  private readonly minSeconds: number;

  constructor(
    private readonly repo: LearningRepository,
    private readonly catalog: CatalogService,
    private readonly hours: HoursRepository,
    config: ConfigService<AppConfig, true>,
  ) {
    this.minSeconds = config.get('playback', { infer: true }).selfPacedMinSeconds;
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
    const { systemCode, lesson } = await this.catalog.lessonForStudent(lessonId, student.id);
    if (!SELF_PACED_MODES.has(lesson.mode)) throw notSelfPaced();
    return this.repo.transaction(async (tx) => {
      const progress = await this.repo.lockProgress(tx, student.id, lessonId);
      if (!progress) throw notOpened();
      if (progress.state !== 'completed') {
        const completableAtMs = new Date(progress.openedAt).getTime() + this.minSeconds * 1000;
        if (progress.nowMs < completableAtMs) {
          throw tooEarly(new Date(completableAtMs), Math.ceil((completableAtMs - progress.nowMs) / 1000));
        }
        await this.repo.markCompleted(tx, student.id, lessonId, progress.nowMs);
        await creditCompletedLesson(this.hours, tx, { studentId: student.id, lessonId, systemCode, creditMinutes: lesson.creditMinutes });
        Object.assign(progress, { state: 'completed', completedAt: new Date(progress.nowMs) });
      }
      return this.selfPacedView(progress, true);
    });
  }

  async myCourses(student: AuthUser, page: PageQuery): Promise<Page<MyCourseView>> {
    const courses = await this.catalog.listCourses(student, page);
    const summaries = await this.repo.courseSummaries(student.id, courses.items.map((c) => c.id));
    return {
      items: courses.items.map((course) => {
        const s = summaries.get(course.id) ?? { startedLessons: 0, completedLessons: 0, creditedMinutes: 0 };
        return { ...course, ...s, completion: roundRatio(course.lessonCount ? s.completedLessons / course.lessonCount : 0) };
      }),
      total: courses.total,
    };
  }

  /** Every lesson of the course's published version with the student's state in it. */
  async courseProgress(courseId: string, student: AuthUser): Promise<CourseProgressView> {
    const course = JSON.parse(await this.catalog.publishedCourseJsonForStudent(courseId, student.id)) as CourseSnapshot & { version: number };
    const lessons = course.modules.flatMap((m) => m.lessons.map((lesson) => ({ lesson, moduleId: m.id })));
    const rows = await this.repo.progressFor(student.id, lessons.map((l) => l.lesson.id));
    const byLesson = new Map(rows.map((r) => [r.lessonId, r]));
    const views = lessons.map(({ lesson, moduleId }) => toLessonProgressView(lesson, moduleId, byLesson.get(lesson.id)));
    return {
      courseId,
      version: course.version,
      completedLessons: views.filter((v) => v.state === 'completed').length,
      lessonCount: views.length,
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
