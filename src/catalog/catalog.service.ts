import { Injectable } from '@nestjs/common';
import { Page } from '../common/pagination.dto';
import type { AuthUser } from '../identity/auth.decorators';
import { CatalogRepository, CourseFilter, PublishedLesson } from './catalog.repository';
import { CourseSummaryView, CourseSystemView, CourseView, minutesToHours } from './catalog.views';
import { courseNotFound, lessonNotFound, notEnrolled } from './catalog.errors';
import { buildCourseSnapshot, withPublication } from './course-snapshot';
import { LruCache } from '../common/lru-cache';

/**
 * Which published version a student may read, per (course, student), kept for
 * a few seconds: a new publish reaches students within VISIBILITY_TTL_MS, and
 * the hot catalogue read needs no database round trip. Only positive answers
 * are kept, so a fresh enrolment is visible at once.
 */
const VISIBILITY_TTL_MS = 3000;

@Injectable()
export class CatalogService {
  /** Published versions never change, so their serialised form is kept by (course, version). */
  private readonly publishedJson = new LruCache<string, string>(500);
  private readonly visibleVersion = new LruCache<string, { version: number; at: number }>(20_000, VISIBILITY_TTL_MS);
  /** Publishes made through this process: its own cached answers older than these are stale at once. */
  private readonly publishedHereAt = new Map<string, number>();

  constructor(private readonly repo: CatalogRepository) {}

  listSystems(): Promise<CourseSystemView[]> {
    return this.repo.listSystems();
  }

  /** Students: published courses they are enrolled in. Staff: every course, as drafts. */
  async listCourses(user: AuthUser, filter: CourseFilter): Promise<Page<CourseSummaryView>> {
    if (user.role === 'student') {
      const page = await this.repo.listPublished(filter, user.id);
      return { items: page.items.map((s) => ({ ...s, status: 'published' as const })), total: page.total };
    }
    const page = await this.repo.listForStaff(filter);
    const totals = await this.repo.draftTotals(page.items.map((c) => c.id));
    return {
      items: page.items.map((c) => {
        const t = totals.get(c.id) ?? { creditMinutes: 0, lessonCount: 0 };
        return {
          id: c.id,
          systemCode: c.systemCode,
          title: c.title,
          description: c.description,
          direction: c.direction,
          directionName: c.directionName,
          objectives: c.objectives,
          content: c.content,
          delivery: c.delivery,
          hours: minutesToHours(t.creditMinutes),
          creditMinutes: t.creditMinutes,
          hoursIsDefault: c.hoursIsDefault,
          status: c.status,
          version: c.publishedVersion,
          lessonCount: t.lessonCount,
          hasUnpublishedChanges: c.publishedRevision !== c.draftRevision,
          ownerId: c.ownerId,
        };
      }),
      total: page.total,
    };
  }

  /**
   * A student's view of a course, already serialised: the hot read of the
   * catalogue costs one indexed lookup (published and enrolled) plus a cache hit.
   */
  async publishedCourseJsonForStudent(courseId: string, studentId: string): Promise<string> {
    const key = `${courseId}:${studentId}`;
    const cached = this.visibleVersion.get(key);
    if (cached && cached.at > (this.publishedHereAt.get(courseId) ?? 0)) return this.publishedJson_(courseId, cached.version);
    const version = await this.repo.publishedVersionForStudent(courseId, studentId);
    if (version === null) throw courseNotFound();
    this.visibleVersion.set(key, { version, at: performance.now() });
    return this.publishedJson_(courseId, version);
  }

  /** Forgets that the student could see the course (this process; other processes re-check within their cache's life). */
  noteUnenrolled(courseId: string, studentId: string): void {
    this.visibleVersion.delete(`${courseId}:${studentId}`);
  }

  notePublished(courseId: string): void {
    this.publishedHereAt.set(courseId, performance.now());
  }

  async publishedCourseJson(courseId: string): Promise<string> {
    const course = await this.repo.findCourse(courseId);
    if (!course || course.publishedVersion === null) throw courseNotFound();
    return this.publishedJson_(courseId, course.publishedVersion);
  }

  private async publishedJson_(courseId: string, version: number): Promise<string> {
    const key = `${courseId}:${version}`;
    const cached = this.publishedJson.get(key);
    if (cached !== undefined) return cached;
    const snapshot = await this.repo.findSnapshot(courseId, version);
    if (!snapshot) throw courseNotFound();
    const json = JSON.stringify({ ...snapshot, status: 'published', version });
    this.publishedJson.set(key, json);
    return json;
  }

  /** A lesson of a published course the student is enrolled in, as that version shows it. */
  async lessonForStudent(lessonId: string, studentId: string): Promise<Omit<PublishedLesson, 'enrolled'>> {
    const found = await this.repo.publishedLesson(lessonId, studentId);
    if (!found) throw lessonNotFound();
    if (!found.enrolled) throw notEnrolled();
    return { courseId: found.courseId, systemCode: found.systemCode, lesson: found.lesson };
  }

  /** The trainer's working copy, with whether it differs from what students see. */
  async draftCourse(courseId: string): Promise<CourseView> {
    const course = await this.repo.findCourse(courseId);
    if (!course) throw courseNotFound();
    const { modules, lessons } = await this.repo.loadStructure(courseId);
    return {
      ...withPublication(buildCourseSnapshot(course, modules, lessons), course, course.publishedVersion),
      hasUnpublishedChanges: course.publishedRevision !== course.draftRevision,
      ownerId: course.ownerId,
      trainerIds: await this.repo.courseTrainerIds(courseId),
    };
  }
}
