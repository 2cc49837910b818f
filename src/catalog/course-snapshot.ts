import { CourseSnapshot, CourseView, LessonView, minutesToHours, ModuleView } from './catalog.views';
import type { CourseModule } from './entities/course-module.entity';
import type { Course } from './entities/course.entity';
import type { Lesson } from './entities/lesson.entity';

export function toLessonView(l: Lesson): LessonView {
  return {
    id: l.id,
    title: l.title,
    position: l.position,
    mode: l.mode,
    creditMinutes: l.creditMinutes,
    mediaId: l.mediaId,
    durationSeconds: l.durationSeconds,
    allowSkipAhead: l.allowSkipAhead,
    scenarioId: l.scenarioId,
    body: l.body,
  };
}

/**
 * The course as students will see it: active modules and lessons in order,
 * hours derived from lesson credit so that a course's hours always equal the
 * sum of what its lessons can credit.
 */
export function buildCourseSnapshot(course: Course, modules: CourseModule[], lessons: Lesson[]): CourseSnapshot {
  const byModule = new Map<string, Lesson[]>();
  for (const l of lessons) {
    if (l.archivedAt) continue;
    const list = byModule.get(l.moduleId) ?? [];
    list.push(l);
    byModule.set(l.moduleId, list);
  }
  const moduleViews: ModuleView[] = modules
    .filter((m) => !m.archivedAt)
    .sort((a, b) => a.position - b.position)
    .map((m) => {
      const ls = (byModule.get(m.id) ?? []).sort((a, b) => a.position - b.position).map(toLessonView);
      const creditMinutes = ls.reduce((s, l) => s + l.creditMinutes, 0);
      return { id: m.id, title: m.title, position: m.position, hours: minutesToHours(creditMinutes), creditMinutes, lessons: ls };
    });
  const creditMinutes = moduleViews.reduce((s, m) => s + m.creditMinutes, 0);
  return {
    id: course.id,
    systemCode: course.systemCode,
    title: course.title,
    description: course.description,
    direction: course.direction,
    directionName: course.directionName,
    objectives: course.objectives,
    content: course.content,
    delivery: course.delivery,
    hours: minutesToHours(creditMinutes),
    creditMinutes,
    hoursIsDefault: course.hoursIsDefault,
    lessonCount: moduleViews.reduce((s, m) => s + m.lessons.length, 0),
    modules: moduleViews,
  };
}

export function withPublication(snapshot: CourseSnapshot, course: Pick<Course, 'status'>, version: number | null): CourseView {
  return { ...snapshot, status: course.status, version };
}
