import { ApiProperty } from '@nestjs/swagger';
import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../common/transaction';
import { MediaService } from '../media/media.service';
import type { AuthUser } from '../identity/auth.decorators';
import { UserDirectory } from '../identity/user-directory.service';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import {
  cohortNotFound,
  courseArchived,
  courseNotFound,
  enrollmentNotFound,
  enrollmentTargetMissing,
  lessonNotFound,
  lessonNotVideo,
  moduleNotFound,
  notCourseOwner,
  notStudents,
  nothingToPublish,
  notTrainers as notTrainersError,
  reorderMismatch,
} from './catalog.errors';
import { CourseAccess } from './course-access.service';
import { buildCourseSnapshot } from './course-snapshot';
import { CreateCourseDto, CreateLessonDto, CreateModuleDto, EnrollDto, UpdateCourseDto, UpdateLessonDto, UpdateModuleDto } from './dto/catalog.dto';
import { EnrollmentEvents } from './enrollment-events';
import { Course } from './entities/course.entity';
import { CourseModule } from './entities/course-module.entity';
import { Lesson } from './entities/lesson.entity';

export class PublishResult {
  @ApiProperty({ type: String }) courseId: string;
  @ApiProperty({ type: Number }) version: number;
  /** False when the draft had not changed since the last publish (no new version was made). */
  @ApiProperty({ type: Boolean }) created: boolean;
  @ApiProperty({ type: String }) publishedAt: string;
}

/**
 * Trainers edit a draft; publishing freezes it as a numbered version. Every
 * structural edit takes the course row lock, so concurrent edits and a publish
 * never interleave, and bumps the draft revision so "unpublished changes" is exact.
 */
@Injectable()
export class CourseAuthoringService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: CatalogRepository,
    private readonly enrollmentEvents: EnrollmentEvents,
    private readonly catalog: CatalogService,
    private readonly media: MediaService,
    private readonly access: CourseAccess,
    private readonly audit: AuditLog,
    private readonly users: UserDirectory,
  ) {}

  async createCourse(dto: CreateCourseDto, actor: AuthUser): Promise<Course> {
    return inTransaction(this.ds, (tx) =>
      this.repo.insertCourse(tx, {
        systemCode: dto.systemCode,
        title: dto.title,
        description: dto.description ?? '',
        direction: dto.direction ?? null,
        directionName: dto.directionName ?? null,
        objectives: dto.objectives ?? [],
        content: dto.content ?? [],
        delivery: dto.delivery ?? 'online',
        createdBy: actor.id,
        ownerId: actor.id,
        status: 'draft',
      }),
    );
  }

  async updateCourse(id: string, dto: UpdateCourseDto, actor: AuthUser): Promise<void> {
    await this.editCourse(id, actor, async (tx) => {
      await this.repo.updateCourse(tx, id, dto);
    });
  }

  async addModule(courseId: string, dto: CreateModuleDto, actor: AuthUser): Promise<CourseModule> {
    return this.editCourse(courseId, actor, async (tx) => {
      const siblings = await this.repo.activeModules(tx, courseId);
      const module = await this.repo.insertModule(tx, { courseId, title: dto.title, position: siblings.length + 1 });
      if (dto.position !== undefined) await this.place(tx, 'course_module', siblings, module.id, dto.position);
      return (await this.repo.findModule(module.id, tx)) as CourseModule;
    });
  }

  async updateModule(id: string, dto: UpdateModuleDto, actor: AuthUser): Promise<void> {
    const module = await this.mustModule(id);
    await this.editCourse(module.courseId, actor, async (tx) => {
      if (dto.title !== undefined) await this.repo.updateModule(tx, id, { title: dto.title });
    });
  }

  /** Removes a module (and its lessons) from the draft; published versions and progress keep them. */
  async archiveModule(id: string, actor: AuthUser): Promise<void> {
    const module = await this.mustModule(id);
    await this.editCourse(module.courseId, actor, async (tx) => {
      const now = new Date();
      for (const l of await this.repo.activeLessons(tx, id)) await this.repo.updateLesson(tx, l.id, { archivedAt: now });
      await this.repo.updateModule(tx, id, { archivedAt: now });
      await this.repo.setPositions(tx, 'course_module', (await this.repo.activeModules(tx, module.courseId)).map((m) => m.id));
    });
  }

  async reorderModules(courseId: string, ids: string[], actor: AuthUser): Promise<void> {
    await this.editCourse(courseId, actor, async (tx) => {
      const active = await this.repo.activeModules(tx, courseId);
      this.assertSameSet(active.map((m) => m.id), ids, 'modules');
      await this.repo.setPositions(tx, 'course_module', ids);
    });
  }

  async addLesson(moduleId: string, dto: CreateLessonDto, actor: AuthUser): Promise<Lesson> {
    const module = await this.mustModule(moduleId);
    return this.editCourse(module.courseId, actor, async (tx) => {
      const siblings = await this.repo.activeLessons(tx, moduleId);
      const lesson = await this.repo.insertLesson(tx, {
        courseId: module.courseId,
        moduleId,
        title: dto.title,
        mode: dto.mode,
        creditMinutes: dto.creditMinutes,
        allowSkipAhead: dto.allowSkipAhead ?? false,
        body: dto.body ?? '',
        position: siblings.length + 1,
      });
      if (dto.position !== undefined) await this.place(tx, 'lesson', siblings, lesson.id, dto.position);
      return (await this.repo.findLesson(lesson.id, tx)) as Lesson;
    });
  }

  async updateLesson(id: string, dto: UpdateLessonDto, actor: AuthUser): Promise<Lesson> {
    const lesson = await this.mustLesson(id);
    // Checked before the video is looked up, so that another trainer learns nothing about it.
    await this.access.assertCanManage(actor, lesson.courseId);
    const { moduleId, mediaId, ...rest } = dto;
    const fields: Partial<Lesson> = { ...rest };
    if (mediaId !== undefined) {
      if (mediaId !== null && (dto.mode ?? lesson.mode) !== 'video') {
        throw lessonNotVideo();
      }
      const attached = mediaId === null ? null : await this.media.forLesson(mediaId);
      fields.mediaId = attached?.mediaId ?? null;
      fields.durationSeconds = attached?.durationSeconds ?? null;
    }
    return this.editCourse(lesson.courseId, actor, async (tx) => {
      if (Object.keys(fields).length > 0) await this.repo.updateLesson(tx, id, fields);
      if (moduleId !== undefined && moduleId !== lesson.moduleId) {
        const target = await this.repo.findModule(moduleId, tx);
        if (!target || target.courseId !== lesson.courseId) throw moduleNotFound();
        const targetSiblings = await this.repo.activeLessons(tx, moduleId);
        await this.repo.updateLesson(tx, id, { moduleId, position: targetSiblings.length + 1 });
        await this.repo.setPositions(tx, 'lesson', (await this.repo.activeLessons(tx, lesson.moduleId)).map((l) => l.id));
      }
      return (await this.repo.findLesson(id, tx)) as Lesson;
    });
  }

  async archiveLesson(id: string, actor: AuthUser): Promise<void> {
    const lesson = await this.mustLesson(id);
    await this.editCourse(lesson.courseId, actor, async (tx) => {
      await this.repo.updateLesson(tx, id, { archivedAt: new Date() });
      await this.repo.setPositions(tx, 'lesson', (await this.repo.activeLessons(tx, lesson.moduleId)).map((l) => l.id));
    });
  }

  async reorderLessons(moduleId: string, ids: string[], actor: AuthUser): Promise<void> {
    const module = await this.mustModule(moduleId);
    await this.editCourse(module.courseId, actor, async (tx) => {
      const active = await this.repo.activeLessons(tx, moduleId);
      this.assertSameSet(active.map((l) => l.id), ids, 'lessons');
      await this.repo.setPositions(tx, 'lesson', ids);
    });
  }

  /** Freezes the draft as the next version; publishing an unchanged draft returns the current version. */
  async publish(courseId: string, actor: AuthUser | null, tx?: EntityManager): Promise<PublishResult> {
    const work = async (t: EntityManager): Promise<PublishResult> => {
      const course = await this.repo.lockCourse(t, courseId);
      if (!course) throw courseNotFound();
      if (actor) await this.access.assertMayManage(actor, course, t);
      if (course.status === 'archived') throw courseArchived();
      if (course.publishedVersion !== null && course.publishedRevision === course.draftRevision) {
        return { courseId, version: course.publishedVersion, created: false, publishedAt: course.updatedAt.toISOString() };
      }
      const { modules, lessons } = await this.repo.loadStructure(courseId, t);
      const snapshot = buildCourseSnapshot(course, modules, lessons);
      if (snapshot.lessonCount === 0) {
        throw nothingToPublish();
      }
      const version = (course.publishedVersion ?? 0) + 1;
      const saved = await this.repo.insertVersion(t, { courseId, version, snapshot, publishedBy: actor?.id ?? null });
      await this.repo.updateCourse(t, courseId, { status: 'published', publishedVersion: version, publishedRevision: course.draftRevision });
      return { courseId, version, created: true, publishedAt: saved.publishedAt.toISOString() };
    };
    const result = await inTransaction(tx ?? this.ds, work);
    if (result.created) this.catalog.notePublished(courseId);
    return result;
  }

  async enroll(courseId: string, dto: EnrollDto, actor: AuthUser | null, tx?: EntityManager): Promise<{ enrolled: number; alreadyEnrolled: number }> {
    if (!dto.cohortId === !dto.studentIds) {
      throw enrollmentTargetMissing();
    }
    const work = async (t: EntityManager) => {
      const course = await this.repo.findCourse(courseId, t);
      if (!course) throw courseNotFound();
      if (actor) await this.access.assertMayManage(actor, course, t);
      let ids: string[];
      if (dto.cohortId) {
        const members = await this.users.activeStudentIdsOfCohort(dto.cohortId, t);
        if (!members) throw cohortNotFound();
        ids = members;
      } else {
        const requested = dto.studentIds as string[];
        ids = await this.users.idsWithRole(requested, 'student', t);
        const missing = requested.filter((id) => !ids.includes(id));
        if (missing.length > 0) {
          throw notStudents(missing);
        }
      }
      const enrolled = await this.repo.enroll(t, courseId, ids, dto.cohortId ?? null, actor?.id ?? null);
      // One entry per student enrolled by this request (a student's history shows each course they were put on);
      // those already enrolled did not change. A call without an actor is the seed's, not a person's action.
      if (actor) {
        await this.audit.recordMany(
          t,
          enrolled.map((studentId) => ({
            actorId: actor.id,
            action: 'enrollment.create',
            targetType: 'user',
            targetId: studentId,
            changes: { courseId, cohortId: dto.cohortId ?? null },
          })),
        );
      }
      return { enrolled: enrolled.length, alreadyEnrolled: ids.length - enrolled.length };
    };
    return inTransaction(tx ?? this.ds, work);
  }

  /**
   * Takes a student off a course. In the same transaction the other contexts react (learning
   * revokes the student's playback sessions of the course: stream links and heartbeats get 403).
   * Hours already credited stay: they were earned.
   */
  async unenroll(courseId: string, studentId: string, actor: AuthUser): Promise<void> {
    await inTransaction(this.ds, async (t) => {
      const course = await this.repo.findCourse(courseId, t);
      if (!course) throw courseNotFound();
      await this.access.assertMayManage(actor, course, t);
      if (!(await this.repo.unenroll(t, courseId, studentId))) {
        throw enrollmentNotFound();
      }
      await this.enrollmentEvents.emitUnenrolled(t, { courseId, studentId });
      await this.audit.record(t, { actorId: actor.id, action: 'enrollment.delete', targetType: 'user', targetId: studentId, changes: { courseId } });
    });
    this.catalog.noteUnenrolled(courseId, studentId);
  }

  /** Replaces the co-trainers of a course: its owner's decision (or an admin's); a course without owner, an admin's. */
  async setTrainers(courseId: string, trainerIds: string[], actor: AuthUser): Promise<{ courseId: string; ownerId: string | null; trainerIds: string[] }> {
    return inTransaction(this.ds, async (tx) => {
      const course = await this.repo.lockCourse(tx, courseId);
      if (!course) throw courseNotFound();
      if (actor.role !== 'admin' && (course.ownerId === null || course.ownerId !== actor.id)) throw notCourseOwner();
      const wanted = trainerIds.filter((id) => id !== course.ownerId);
      const trainers = new Set(await this.users.idsWithRole(wanted, 'trainer', tx));
      const notTrainers = wanted.filter((id) => !trainers.has(id));
      if (notTrainers.length > 0) {
        throw notTrainersError(notTrainers);
      }
      await this.repo.replaceCourseTrainers(tx, courseId, wanted, actor.id);
      return { courseId, ownerId: course.ownerId, trainerIds: await this.repo.courseTrainerIds(courseId, tx) };
    });
  }

  private async editCourse<T>(courseId: string, actor: AuthUser, edit: (tx: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.ds, async (tx) => {
      const course = await this.repo.lockCourse(tx, courseId);
      if (!course) throw courseNotFound();
      await this.access.assertMayManage(actor, course, tx);
      if (course.status === 'archived') throw courseArchived();
      const result = await edit(tx);
      await this.repo.bumpDraft(tx, courseId);
      return result;
    });
  }

  /** Moves `id` (currently last) to a 1-based position among its siblings. */
  private async place(tx: EntityManager, table: 'course_module' | 'lesson', siblings: Array<{ id: string }>, id: string, position: number) {
    const order = siblings.map((s) => s.id);
    order.splice(Math.min(position - 1, order.length), 0, id);
    await this.repo.setPositions(tx, table, order);
  }

  private assertSameSet(actual: string[], given: string[], what: string): void {
    const a = new Set(actual);
    if (a.size !== given.length || !given.every((id) => a.has(id))) {
      throw reorderMismatch(what, a.size);
    }
  }

  private async mustModule(id: string): Promise<CourseModule> {
    const m = await this.repo.findModule(id);
    if (!m) throw moduleNotFound();
    return m;
  }

  private async mustLesson(id: string): Promise<Lesson> {
    const l = await this.repo.findLesson(id);
    if (!l) throw lessonNotFound();
    return l;
  }
}
