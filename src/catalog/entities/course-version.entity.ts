import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CourseSnapshot } from '../catalog.views';

/** A published, frozen copy of a course: what students see until the next publish. */
@Entity('course_version')
@Index('ux_course_version', ['courseId', 'version'], { unique: true })
export class CourseVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  snapshot: CourseSnapshot;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' })
  publishedAt: Date;
}
