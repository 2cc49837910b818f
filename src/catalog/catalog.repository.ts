import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { returnedRows } from '../common/returned-rows';
import type { CourseSnapshot, CourseSystemView, LessonView } from './catalog.views';
import { minutesToHours } from './catalog.views';
import { CourseModule } from './entities/course-module.entity';
import { CourseSystem, CourseSystemCode } from './entities/course-system.entity';
import { CourseVersion } from './entities/course-version.entity';
import { Course } from './entities/course.entity';
import { CourseTrainer } from './entities/course-trainer.entity';
import { Lesson } from './entities/lesson.entity';

export interface CourseFilter {
  system?: CourseSystemCode;
  direction?: string;
  limit: number;
  offset: number;
}

export type PublishedSummary = Omit<CourseSnapshot, 'modules'> & { version: number };

export interface PublishedLesson {
  courseId: string;
  systemCode: CourseSystemCode;
  enrolled: boolean;
  lesson: LessonView;
}

@Injectable()
export class CatalogRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Course systems with what is published in them. */
  async listSystems(): Promise<CourseSystemView[]> {
    const rows: Array<CourseSystem & { course_count: string; credit_minutes: string | null }> = await this.ds.query(
      `SELECT s.code, s.name, s.description, s.required_hours AS "requiredHours",
              s.required_hours_is_default AS "requiredHoursIsDefault",
              COUNT(c.id) AS course_count,
              SUM((v.snapshot->>'creditMinutes')::int) AS credit_minutes
         FROM course_system s
         LEFT JOIN course c ON c.system_code = s.code AND c.status = 'published'
         LEFT JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version
        GROUP BY s.code ORDER BY s.position`,
    );
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      description: r.description,
      requiredHours: r.requiredHours,
      requiredHoursIsDefault: r.requiredHoursIsDefault,
      courseCount: Number(r.course_count),
      totalHours: minutesToHours(Number(r.credit_minutes ?? 0)),
    }));
  }

  /** Locks a course system's row; answers its required hours, or null when there is no such system. */
  async lockSystem(tx: EntityManager, code: string): Promise<number | null> {
    const rows: Array<{ requiredHours: number }> = await tx.query(`SELECT required_hours AS "requiredHours" FROM course_system WHERE code = $1 FOR UPDATE`, [code]);
    return rows[0]?.requiredHours ?? null;
  }

  async setRequiredHours(tx: EntityManager, code: string, requiredHours: number): Promise<void> {
    await tx.query(`UPDATE course_system SET required_hours = $2, required_hours_is_default = false WHERE code = $1`, [code, requiredHours]);
  }

  /** The published version a student may read: the course is published and the student enrolled. */
  async publishedVersionForStudent(courseId: string, studentId: string): Promise<number | null> {
    const rows: Array<{ v: number }> = await this.ds.query(
      `SELECT c.published_version AS v FROM course c
         JOIN enrollment e ON e.course_id = c.id AND e.student_id = $2
        WHERE c.id = $1 AND c.status = 'published'`,
      [courseId, studentId],
    );
    return rows[0]?.v ?? null;
  }

  async findSnapshot(courseId: string, version: number): Promise<CourseSnapshot | null> {
    const row = await this.ds.getRepository(CourseVersion).findOne({ where: { courseId, version }, select: { snapshot: true } });
    return row?.snapshot ?? null;
  }

  async listPublished(f: CourseFilter, studentId?: string): Promise<{ items: PublishedSummary[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [`c.status = 'published'`];
    let join = '';
    if (studentId) {
      params.push(studentId);
      join = `JOIN enrollment e ON e.course_id = c.id AND e.student_id = $${params.length}`;
    }
    if (f.system) {
      params.push(f.system);
      where.push(`c.system_code = $${params.length}`);
    }
    if (f.direction) {
      params.push(f.direction);
      where.push(`c.direction = $${params.length}`);
    }
    const base = `FROM course c ${join} JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.ds.query(`SELECT COUNT(*)::int AS total ${base}`, params);
    const rows: Array<{ summary: Omit<CourseSnapshot, 'modules'>; version: number }> = await this.ds.query(
      `SELECT v.snapshot - 'modules' AS summary, v.version ${base}
        ORDER BY c.system_code, c.position, c.created_at LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { items: rows.map((r) => ({ ...r.summary, version: r.version })), total };
  }

  async listForStaff(f: CourseFilter): Promise<{ items: Course[]; total: number }> {
    const where: Record<string, unknown> = {};
    if (f.system) where.systemCode = f.system;
    if (f.direction) where.direction = f.direction;
    const [items, total] = await this.ds.getRepository(Course).findAndCount({
      where,
      order: { systemCode: 'ASC', position: 'ASC', createdAt: 'ASC' },
      take: f.limit,
      skip: f.offset,
    });
    return { items, total };
  }

  findCourse(id: string, tx?: EntityManager): Promise<Course | null> {
    return (tx ?? this.ds.manager).getRepository(Course).findOneBy({ id });
  }

  /** Row lock that serialises structural edits and publishing of one course. */
  lockCourse(tx: EntityManager, id: string): Promise<Course | null> {
    return tx.getRepository(Course).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Draft structure, including archived rows (the snapshot builder filters them). */
  async loadStructure(courseId: string, tx?: EntityManager): Promise<{ modules: CourseModule[]; lessons: Lesson[] }> {
    const m = tx ?? this.ds.manager;
    const [modules, lessons] = await Promise.all([
      m.getRepository(CourseModule).find({ where: { courseId }, order: { position: 'ASC' } }),
      m.getRepository(Lesson).find({ where: { courseId }, order: { position: 'ASC' } }),
    ]);
    return { modules, lessons };
  }

  /** Draft lesson totals per course, for the staff list. */
  async draftTotals(courseIds: string[]): Promise<Map<string, { creditMinutes: number; lessonCount: number }>> {
    if (courseIds.length === 0) return new Map();
    const rows: Array<{ course_id: string; minutes: string; n: string }> = await this.ds.query(
      `SELECT l.course_id, COALESCE(SUM(l.credit_minutes), 0) AS minutes, COUNT(*) AS n
         FROM lesson l JOIN course_module m ON m.id = l.module_id
        WHERE l.course_id = ANY($1) AND l.archived_at IS NULL AND m.archived_at IS NULL
        GROUP BY l.course_id`,
      [courseIds],
    );
    return new Map(rows.map((r) => [r.course_id, { creditMinutes: Number(r.minutes), lessonCount: Number(r.n) }]));
  }

  findModule(id: string, tx?: EntityManager): Promise<CourseModule | null> {
    return (tx ?? this.ds.manager).getRepository(CourseModule).findOneBy({ id, archivedAt: IsNull() });
  }

  findLesson(id: string, tx?: EntityManager): Promise<Lesson | null> {
    return (tx ?? this.ds.manager).getRepository(Lesson).findOneBy({ id, archivedAt: IsNull() });
  }

  activeModules(tx: EntityManager, courseId: string): Promise<CourseModule[]> {
    return tx.getRepository(CourseModule).find({ where: { courseId, archivedAt: IsNull() }, order: { position: 'ASC' } });
  }

  activeLessons(tx: EntityManager, moduleId: string): Promise<Lesson[]> {
    return tx.getRepository(Lesson).find({ where: { moduleId, archivedAt: IsNull() }, order: { position: 'ASC' } });
  }

  /** Inserts the course systems that do not exist yet (by code); returns how many it inserted. */
  async insertMissingSystems(tx: EntityManager, systems: CourseSystem[]): Promise<number> {
    const res = await tx.createQueryBuilder().insert().into(CourseSystem).values(systems).orIgnore().returning('code').execute();
    return (res.raw as unknown[]).length;
  }

  async courseIdBySeedKey(tx: EntityManager, seedKey: string): Promise<string | null> {
    const course = await tx.getRepository(Course).findOne({ where: { seedKey }, select: { id: true } });
    return course?.id ?? null;
  }

  /** The exam lessons of the course with this seed key, with their module's position. */
  examLessonsOfSeededCourse(tx: EntityManager, seedKey: string): Promise<Array<{ position: number; title: string; id: string }>> {
    return tx.query(
      `SELECT m.position, l.title, l.id FROM lesson l JOIN course_module m ON m.id = l.module_id JOIN course c ON c.id = l.course_id
        WHERE c.seed_key = $1 AND l.mode = 'exam'`,
      [seedKey],
    );
  }

  insertCourse(tx: EntityManager, course: Partial<Course>): Promise<Course> {
    return tx.getRepository(Course).save(tx.getRepository(Course).create(course));
  }

  insertModule(tx: EntityManager, module: Partial<CourseModule>): Promise<CourseModule> {
    return tx.getRepository(CourseModule).save(tx.getRepository(CourseModule).create(module));
  }

  insertLesson(tx: EntityManager, lesson: Partial<Lesson>): Promise<Lesson> {
    return tx.getRepository(Lesson).save(tx.getRepository(Lesson).create(lesson));
  }

  async updateCourse(tx: EntityManager, id: string, patch: Partial<Course>): Promise<void> {
    await tx.getRepository(Course).update({ id }, patch);
  }

  /** Marks the draft as changed since the last publish. */
  async bumpDraft(tx: EntityManager, courseId: string): Promise<void> {
    await tx.getRepository(Course).increment({ id: courseId }, 'draftRevision', 1);
  }

  async updateModule(tx: EntityManager, id: string, patch: Partial<CourseModule>): Promise<void> {
    await tx.getRepository(CourseModule).update({ id }, patch);
  }

  async updateLesson(tx: EntityManager, id: string, patch: Partial<Lesson>): Promise<void> {
    await tx.getRepository(Lesson).update({ id }, patch);
  }

  /** Writes positions 1..n in the given order. */
  async setPositions(tx: EntityManager, table: 'course_module' | 'lesson', ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(
      `UPDATE ${table} AS t SET position = o.pos, updated_at = now()
         FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, pos) WHERE t.id = o.id`,
      [ids],
    );
  }

  async insertVersion(tx: EntityManager, v: Partial<CourseVersion>): Promise<CourseVersion> {
    return tx.getRepository(CourseVersion).save(tx.getRepository(CourseVersion).create(v));
  }

  /** Enrols students (ignoring those already enrolled); returns how many were new. */
  /** Enrols the students not enrolled yet; answers the ids of those this call enrolled. */
  async enroll(tx: EntityManager, courseId: string, studentIds: string[], cohortId: string | null, by: string | null): Promise<string[]> {
    if (studentIds.length === 0) return [];
    const res: Array<{ student_id: string }> = await tx.query(
      `INSERT INTO enrollment (course_id, student_id, cohort_id, enrolled_by)
       SELECT $1, s, $3, $4 FROM unnest($2::uuid[]) AS s
       ON CONFLICT DO NOTHING RETURNING student_id`,
      [courseId, studentIds, cohortId, by],
    );
    return res.map((r) => r.student_id);
  }

  /** Removes a student's enrolment; returns false when there was none. */
  async unenroll(tx: EntityManager, courseId: string, studentId: string): Promise<boolean> {
    const res = returnedRows(await tx.query(`DELETE FROM enrollment WHERE course_id = $1 AND student_id = $2 RETURNING student_id`, [courseId, studentId]));
    return res.length > 0;
  }

  /**
   * A lesson as the published version of its course shows it, with whether the student is enrolled:
   * null when the lesson is unknown, its course is not published, or it is not in that version.
   */
  async publishedLesson(lessonId: string, studentId: string): Promise<PublishedLesson | null> {
    const rows: Array<PublishedLesson & { lesson: LessonView | null }> = await this.ds.query(
      `SELECT c.id AS "courseId", c.system_code AS "systemCode",
              EXISTS (SELECT 1 FROM enrollment e WHERE e.course_id = c.id AND e.student_id = $2) AS enrolled,
              (SELECT l FROM jsonb_array_elements(v.snapshot->'modules') m, jsonb_array_elements(m->'lessons') l
                WHERE l->>'id' = x.id::text LIMIT 1) AS lesson
         FROM lesson x
         JOIN course c ON c.id = x.course_id AND c.status = 'published'
         JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version
        WHERE x.id = $1`,
      [lessonId, studentId],
    );
    const row = rows[0];
    return row?.lesson ? row : null;
  }

  // --- what the hour ledger asks of the catalogue ---------------------------------------------

  /**
   * What a course can credit a student: the minutes of its published version (of its draft when it
   * was never published). The hour ledger caps every course's credit at this.
   */
  async courseWorthMinutes(tx: EntityManager, courseId: string): Promise<number | null> {
    const rows: Array<{ minutes: number | null }> = await tx.query(
      `SELECT COALESCE((v.snapshot->>'creditMinutes')::int,
                       (SELECT COALESCE(SUM(l.credit_minutes), 0)::int FROM lesson l JOIN course_module m ON m.id = l.module_id
                         WHERE l.course_id = c.id AND l.archived_at IS NULL AND m.archived_at IS NULL)) AS minutes
         FROM course c LEFT JOIN course_version v ON v.course_id = c.id AND v.version = c.published_version
        WHERE c.id = $1`,
      [courseId],
    );
    return rows[0]?.minutes ?? null;
  }

  /** The drill lesson that practises a scenario (of the oldest course holding one), which a drill pass completes. */
  async drillLessonForScenario(tx: EntityManager, scenarioId: string): Promise<{ lessonId: string; courseId: string } | null> {
    const rows: Array<{ lessonId: string; courseId: string }> = await tx.query(
      `SELECT l.id AS "lessonId", l.course_id AS "courseId" FROM lesson l JOIN course c ON c.id = l.course_id
        WHERE l.scenario_id = $1 AND l.mode = 'drill' AND l.archived_at IS NULL AND c.status <> 'archived'
        ORDER BY c.created_at, c.id, l.position LIMIT 1`,
      [scenarioId],
    );
    return rows[0] ?? null;
  }

  /** The co-trainers of a course, in the order they were added. */
  async courseTrainerIds(courseId: string, tx?: EntityManager): Promise<string[]> {
    const rows = await (tx ?? this.ds.manager).getRepository(CourseTrainer).find({ where: { courseId }, order: { createdAt: 'ASC', trainerId: 'ASC' } });
    return rows.map((r) => r.trainerId);
  }

  async isCourseTrainer(courseId: string, userId: string, tx?: EntityManager): Promise<boolean> {
    return (tx ?? this.ds.manager).getRepository(CourseTrainer).existsBy({ courseId, trainerId: userId });
  }

  /** Replaces the co-trainers of a course with the given list. */
  async replaceCourseTrainers(tx: EntityManager, courseId: string, trainerIds: string[], by: string | null): Promise<void> {
    await tx.query(`DELETE FROM course_trainer WHERE course_id = $1 AND NOT (trainer_id = ANY($2::uuid[]))`, [courseId, trainerIds]);
    if (trainerIds.length === 0) return;
    await tx.query(
      `INSERT INTO course_trainer (course_id, trainer_id, added_by)
       SELECT $1, t, $3 FROM unnest($2::uuid[]) WITH ORDINALITY AS x(t, n) ORDER BY n
       ON CONFLICT DO NOTHING`,
      [courseId, trainerIds, by],
    );
  }
}
