import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { distinctRows, hoursToMinutes, splitMinutes } from '@lms/curriculum';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogRepository } from '../catalog/catalog.repository';
import { CourseAuthoringService } from '../catalog/course-authoring.service';
import type { CourseSystem, CourseSystemCode } from '../catalog/entities/course-system.entity';
import type { DeliveryMode } from '../catalog/entities/course.entity';
import type { LessonMode } from '../catalog/entities/lesson.entity';
import { seedsConfig } from './seeds.config';
import { appConfig } from '../config/app.config';
import { inTransaction } from '../common/transaction';
import type { TrainingScenario } from '../training/entities/training-scenario.entity';
import { TrainingRepository } from '../training/training.repository';
import { AssessmentSeeder } from './assessment-seeder';
import { DemoAccountsSeeder } from './demo-accounts.seeder';
import { DemoLessonContent } from './demo-lesson-content';
import { loadSeedFiles, SeedFiles } from './seed-files';
import { SeedingRepository } from './seeding.repository';

export interface SeedReport {
  created: {
    systems: number;
    courses: number;
    modules: number;
    lessons: number;
    scenarios: number;
    versions: number;
    users: number;
    enrollments: number;
    banks: number;
    questions: number;
    exams: number;
  };
  findings: string[];
}

interface LessonSeed {
  title: string;
  mode: LessonMode;
  creditMinutes: number;
  creditIsDefault?: boolean;
  scenarioId?: string;
}

interface CourseSeed {
  seedKey: string;
  systemCode: CourseSystemCode;
  title: string;
  description: string;
  position: number;
  direction?: string;
  directionName?: string;
  objectives?: string[];
  content?: string[];
  delivery: DeliveryMode;
  hoursIsDefault: boolean;
  modules: Array<{ title: string; lessons: LessonSeed[] }>;
}

/**
 * Imports the curriculum of the seed document, its question banks and exams. Idempotent: what exists (by seed
 * key or title) is left alone, including a trainer's later edits, so a second
 * run changes nothing.
 */
@Injectable()
export class CurriculumSeeder {
  private readonly logger = new Logger(CurriculumSeeder.name);

  constructor(
    private readonly ds: DataSource,
    private readonly lock: SeedingRepository,
    private readonly catalog: CatalogRepository,
    private readonly training: TrainingRepository,
    private readonly authoring: CourseAuthoringService,
    private readonly demo: DemoAccountsSeeder,
    private readonly assessment: AssessmentSeeder,
    private readonly demoContent: DemoLessonContent,
    @Inject(seedsConfig.KEY) private readonly seeds: ConfigType<typeof seedsConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async run(): Promise<SeedReport> {
    const files = loadSeedFiles(this.seeds.dir);
    const report: SeedReport = {
      created: { systems: 0, courses: 0, modules: 0, lessons: 0, scenarios: 0, versions: 0, users: 0, enrollments: 0, banks: 0, questions: 0, exams: 0 },
      findings: files.findings,
    };
    await inTransaction(this.ds, async (tx) => {
      await this.lock.lockImport(tx);
      report.created.systems = await this.seedSystems(tx, files);
      const scenarioIds = await this.seedScenarios(tx, files, report);
      const courseIds: string[] = [];
      for (const seed of this.courseSeeds(files, scenarioIds)) courseIds.push(await this.seedCourse(tx, seed, report));
      Object.assign(report.created, await this.assessment.seed(tx, files));
      const demo = await this.demo.seed(tx);
      report.created.users = demo.created;
      if (demo.studentIds.length > 0) {
        for (const courseId of courseIds) {
          report.created.enrollments += (await this.authoring.enroll(courseId, { studentIds: demo.studentIds }, null, tx)).enrolled;
        }
      }
    });
    for (const f of report.findings) this.logger.log(`finding: ${f}`);
    this.logger.log(`seed import: ${JSON.stringify(report.created)}`);
    return report;
  }

  private async seedSystems(tx: EntityManager, files: SeedFiles): Promise<number> {
    const oneDirectionMinutes = files.professional.directions[0].courses.length * hoursToMinutes(files.professional.defaultHoursPerCourse);
    const distinctScenarios = distinctRows(files.training.rows).length;
    const systems: Array<Omit<CourseSystem, never>> = [
      { code: 'practical', name: files.practical.systemName, description: '附件一：8 个模块，视频、书面、考试与自学', requiredHours: files.practical.requiredHours, requiredHoursIsDefault: false, position: 1 },
      { code: 'general', name: files.general.systemName, description: '附件二：职业素养课程，线下或线上+线下授课', requiredHours: files.general.requiredHours, requiredHoursIsDefault: false, position: 2 },
      { code: 'training', name: files.training.systemName, description: '附件三：业务场景实训', requiredHours: distinctScenarios * files.training.defaultHoursPerScenario, requiredHoursIsDefault: true, position: 3 },
      { code: 'professional', name: files.professional.systemName, description: '附件四：四个方向的录播课程，完成其中一个方向', requiredHours: oneDirectionMinutes / 60, requiredHoursIsDefault: true, position: 4 },
    ];
    return this.catalog.insertMissingSystems(tx, systems);
  }

  private async seedScenarios(tx: EntityManager, files: SeedFiles, report: SeedReport): Promise<Map<string, string>> {
    const byTitle = new Map(files.scenarios.map((s) => [s.title, s]));
    const minutes = hoursToMinutes(files.training.defaultHoursPerScenario);
    const rows = distinctRows(files.training.rows).map((r, i) => {
      const s = byTitle.get(r.title)!;
      return {
        title: r.title,
        summary: s.summary ?? '',
        conversation: s.conversation,
        rubric: s.rubric as TrainingScenario['rubric'] & object,
        creditMinutes: minutes,
        creditIsDefault: files.training.hoursIsDefault,
        position: i + 1,
        seedKey: `training:${r.title}`,
      };
    });
    report.created.scenarios = await this.training.insertMissingScenarios(tx, rows);
    return this.training.scenarioIdsByTitle(tx);
  }

  private courseSeeds(files: SeedFiles, scenarioIds: Map<string, string>): CourseSeed[] {
    const { practical, general, training, professional } = files;
    const seeds: CourseSeed[] = [
      {
        seedKey: 'practical:course',
        systemCode: 'practical',
        title: practical.course.title,
        description: practical.course.description,
        position: 1,
        delivery: 'online',
        hoursIsDefault: false,
        modules: practical.modules.map((m) => {
          const lessons = distinctRows(m.lessons);
          const shares = splitMinutes(hoursToMinutes(m.hours), lessons.length);
          return { title: m.title, lessons: lessons.map((l, i) => ({ title: l.title, mode: l.mode, creditMinutes: shares[i] })) };
        }),
      },
    ];
    for (const c of general.courses) {
      const shares = splitMinutes(hoursToMinutes(c.hours), c.content.length);
      seeds.push({
        seedKey: `general:${c.row}`,
        systemCode: 'general',
        title: c.title,
        description: c.objectives.join('；'),
        position: c.row,
        objectives: c.objectives,
        content: c.content,
        delivery: c.delivery,
        hoursIsDefault: false,
        modules: [{ title: '课程内容', lessons: c.content.map((t, i) => ({ title: t, mode: c.delivery, creditMinutes: shares[i] })) }],
      });
    }
    const scenarioMinutes = hoursToMinutes(training.defaultHoursPerScenario);
    seeds.push({
      seedKey: 'training:course',
      systemCode: 'training',
      title: '业务场景实训',
      description: '附件三的业务场景实训：针对真实客户问题撰写回复，由评分规则与培训师质检评定。',
      position: 1,
      delivery: 'online',
      hoursIsDefault: training.hoursIsDefault,
      modules: [
        {
          title: '业务场景实训',
          lessons: distinctRows(training.rows).map((r) => ({
            title: r.title,
            mode: 'drill' as const,
            creditMinutes: scenarioMinutes,
            creditIsDefault: training.hoursIsDefault,
            scenarioId: scenarioIds.get(r.title),
          })),
        },
      ],
    });
    let position = 0;
    const courseMinutes = hoursToMinutes(professional.defaultHoursPerCourse);
    for (const d of professional.directions) {
      for (const c of d.courses) {
        const shares = splitMinutes(courseMinutes, c.outline.length);
        seeds.push({
          seedKey: `professional:${d.code}:${c.row}`,
          systemCode: 'professional',
          title: c.title,
          description: `${d.name}方向录播课程：${c.outline.join('、')}`,
          position: ++position,
          direction: d.code,
          directionName: d.name,
          content: c.outline,
          delivery: 'online',
          hoursIsDefault: professional.hoursIsDefault,
          modules: [
            {
              title: '课程大纲',
              lessons: c.outline.map((t, i) => ({ title: t, mode: c.mode, creditMinutes: shares[i], creditIsDefault: professional.hoursIsDefault })),
            },
          ],
        });
      }
    }
    return seeds;
  }

  /** Creates and publishes one course unless its seed key exists; returns its id either way. */
  private async seedCourse(tx: EntityManager, seed: CourseSeed, report: SeedReport): Promise<string> {
    const demoMode = this.app.demoMode;
    const existing = await this.catalog.courseIdBySeedKey(tx, seed.seedKey);
    if (existing) {
      // A database seeded before the demo had videos and texts gets them, as a new version.
      if (demoMode && (await this.demoContent.fill(tx, existing, seed.title))) {
        await this.catalog.bumpDraft(tx, existing);
        if ((await this.authoring.publish(existing, null, tx)).created) report.created.versions++;
      }
      return existing;
    }
    const course = await this.catalog.insertCourse(tx, {
      seedKey: seed.seedKey,
      systemCode: seed.systemCode,
      title: seed.title,
      description: seed.description,
      position: seed.position,
      direction: seed.direction ?? null,
      directionName: seed.directionName ?? null,
      objectives: seed.objectives ?? [],
      content: seed.content ?? [],
      delivery: seed.delivery,
      hoursIsDefault: seed.hoursIsDefault,
      status: 'draft',
    });
    report.created.courses++;
    for (const [mi, m] of seed.modules.entries()) {
      const module = await this.catalog.insertModule(tx, { courseId: course.id, title: m.title, position: mi + 1 });
      report.created.modules++;
      for (const [li, l] of m.lessons.entries()) {
        await this.catalog.insertLesson(tx, {
          courseId: course.id,
          moduleId: module.id,
          title: l.title,
          position: li + 1,
          mode: l.mode,
          creditMinutes: l.creditMinutes,
          creditIsDefault: l.creditIsDefault ?? false,
          scenarioId: l.scenarioId ?? null,
        });
        report.created.lessons++;
      }
    }
    if (demoMode) await this.demoContent.fill(tx, course.id, seed.title);
    await this.authoring.publish(course.id, null, tx);
    report.created.versions++;
    return course.id;
  }
}
