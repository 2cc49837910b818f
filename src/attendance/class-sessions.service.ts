import { Injectable } from '@nestjs/common';
import { courseArchived, courseNotFound } from '../catalog/catalog.errors';
import { CourseAccess, type CourseRef } from '../catalog/course-access.service';
import { CourseDirectory } from '../catalog/course-directory.service';
import type { Page } from '../common/pagination.dto';
import type { AuthUser } from '../identity/auth.decorators';
import {
  classSessionNotFound,
  courseNotGeneral,
  lessonNotInCourse,
  outsideSessionWindow,
} from './attendance.errors';
import { AttendanceRepository } from './attendance.repository';
import { isWithin } from './attendance-rules';
import {
  type CheckInCodeView,
  type ClassSessionView,
  toAttendanceView,
  toCheckInStateView,
  toClassSessionView,
} from './attendance.views';
import { CheckInPolicy } from './check-in-policy.service';
import type { ScheduleClassSessionDto } from './dto/attendance.dto';
import type { ClassSession } from './entities/class-session.entity';

/** Scheduling class sessions, reading them, and opening or closing their check-in. */
@Injectable()
export class ClassSessionsService {
  constructor(
    private readonly repo: AttendanceRepository,
    private readonly courses: CourseAccess,
    private readonly policy: CheckInPolicy,
    private readonly enrolments: CourseDirectory,
  ) {}

  async schedule(dto: ScheduleClassSessionDto, actor: AuthUser): Promise<ClassSessionView> {
    const course = await this.courses.findCourse(dto.courseId);
    if (!course) throw courseNotFound();
    await this.courses.assertMayManage(actor, course);
    if (course.systemCode !== 'general') throw courseNotGeneral();
    if (course.status === 'archived') throw courseArchived();
    if (dto.lessonId) {
      const lesson = await this.courses.lessonOf(dto.lessonId);
      if (!lesson || lesson.courseId !== course.id) throw lessonNotInCourse();
    }
    const session = await this.repo.insertSession({
      courseId: course.id,
      lessonId: dto.lessonId ?? null,
      title: dto.title ?? null,
      startsAt: dto.startsAt,
      endsAt: new Date(dto.startsAt.getTime() + dto.durationMinutes * 60_000),
      durationMinutes: dto.durationMinutes,
      place: dto.place,
      delivery: dto.delivery,
      creditMinutes: dto.creditMinutes ?? dto.durationMinutes,
      createdBy: actor.id,
    });
    return this.view(session, course);
  }

  async list(courseId: string, user: AuthUser, limit: number, offset: number): Promise<Page<ClassSessionView>> {
    const course = await this.readableCourse(courseId, user);
    const { items, total } = await this.repo.listSessions(course.id, limit, offset);
    return { items: items.map((s) => this.view(s, course)), total };
  }

  async get(id: string, user: AuthUser): Promise<ClassSessionView> {
    const session = await this.findSession(id);
    const course = await this.readableCourse(session.courseId, user);
    const view = this.view(session, course);
    if (user.role !== 'student') return view;
    const mine = await this.repo.findAttendance(session.id, user.id);
    return { ...view, myAttendance: mine ? toAttendanceView(mine) : null };
  }

  /** Opens check-in (recorded on the session) and returns the code to show now with the screen link. */
  async openCheckIn(id: string, actor: AuthUser): Promise<CheckInCodeView> {
    const now = new Date();
    const found = await this.managedSession(id, actor);
    const window = this.policy.window(found);
    if (!isWithin(window, now)) throw outsideSessionWindow(window.opensAt, window.endsAt);
    const session = (await this.repo.openCheckIn(id, actor.id, now)) ?? found;
    const code = this.policy.issue(session.id, now);
    const screen = this.policy.screenLink(session.id, window);
    return {
      sessionId: session.id,
      code: code.code,
      validFrom: new Date(code.validFromMs).toISOString(),
      expiresAt: new Date(code.expiresAtMs).toISOString(),
      acceptedUntil: new Date(code.acceptedUntilMs).toISOString(),
      stepSeconds: this.policy.codePolicy.stepSeconds,
      screenUrl: screen.url,
      screenUrlExpiresAt: screen.expiresAt.toISOString(),
      checkIn: toCheckInStateView(session, window, now),
    };
  }

  async closeCheckIn(id: string, actor: AuthUser): Promise<void> {
    await this.managedSession(id, actor);
    await this.repo.closeCheckIn(id, new Date());
  }

  async findSession(id: string): Promise<ClassSession> {
    const session = await this.repo.findSession(id);
    if (!session) throw classSessionNotFound();
    return session;
  }

  /** A session the actor may run: its course's owner, co-trainers and admins (NOT_COURSE_OWNER otherwise). */
  async managedSession(id: string, actor: AuthUser): Promise<ClassSession> {
    const session = await this.findSession(id);
    await this.courses.assertCanManage(actor, session.courseId);
    return session;
  }

  /** Staff read every course; a student only the courses they are enrolled in. */
  private async readableCourse(courseId: string, user: AuthUser): Promise<CourseRef> {
    const course = await this.courses.findCourse(courseId);
    if (!course) throw courseNotFound();
    if (user.role === 'student') await this.enrolments.requireEnrolled(course.id, user.id);
    return course;
  }

  private view(session: ClassSession, course: CourseRef): ClassSessionView {
    return toClassSessionView(session, course.title, this.policy.window(session), new Date());
  }
}
