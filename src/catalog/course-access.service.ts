import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../identity/auth.decorators';
import { CatalogRepository } from './catalog.repository';
import { courseNotFound, lessonNotFound, notCourseManager } from './catalog.errors';
import type { Course } from './entities/course.entity';

/** What other modules may know of a course. */
export type CourseRef = Pick<Course, 'id' | 'title' | 'systemCode' | 'status' | 'ownerId'>;

/**
 * Who may change a course, its modules, lessons, enrolments and class sessions: its owner,
 * its co-trainers and admins; a course without owner (the seeded ones) any staff. Other
 * modules ask here instead of reading catalog tables.
 */
@Injectable()
export class CourseAccess {
  constructor(private readonly repo: CatalogRepository) {}

  async findCourse(courseId: string, tx?: EntityManager): Promise<CourseRef | null> {
    const c = await this.repo.findCourse(courseId, tx);
    return c && { id: c.id, title: c.title, systemCode: c.systemCode, status: c.status, ownerId: c.ownerId };
  }

  async canManage(actor: AuthUser, course: Pick<Course, 'id' | 'ownerId'>, tx?: EntityManager): Promise<boolean> {
    if (actor.role === 'admin') return true;
    if (actor.role !== 'trainer') return false;
    if (course.ownerId === null || course.ownerId === actor.id) return true;
    return this.repo.isCourseTrainer(course.id, actor.id, tx);
  }

  /** Throws NOT_COURSE_OWNER unless the actor may change the (already loaded) course. */
  async assertMayManage(actor: AuthUser, course: Pick<Course, 'id' | 'ownerId'>, tx?: EntityManager): Promise<void> {
    if (!(await this.canManage(actor, course, tx))) throw notCourseManager();
  }

  /** The course if the actor may change it: COURSE_NOT_FOUND, or NOT_COURSE_OWNER. */
  async assertCanManage(actor: AuthUser, courseId: string, tx?: EntityManager): Promise<CourseRef> {
    const course = await this.findCourse(courseId, tx);
    if (!course) throw courseNotFound();
    await this.assertMayManage(actor, course, tx);
    return course;
  }

  /** A (draft, not archived) lesson's course and mode, or null. */
  async lessonOf(lessonId: string, tx?: EntityManager): Promise<{ courseId: string; mode: string } | null> {
    const lesson = await this.repo.findLesson(lessonId, tx);
    return lesson && { courseId: lesson.courseId, mode: lesson.mode };
  }

  /** The same check for the course a lesson belongs to; answers the lesson's course and mode. */
  async assertCanManageLesson(actor: AuthUser, lessonId: string, tx?: EntityManager): Promise<{ courseId: string; mode: string }> {
    const lesson = await this.lessonOf(lessonId, tx);
    if (!lesson) throw lessonNotFound();
    await this.assertCanManage(actor, lesson.courseId, tx);
    return lesson;
  }
}
