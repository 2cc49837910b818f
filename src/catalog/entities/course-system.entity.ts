import { Column, Entity, PrimaryColumn } from 'typeorm';

export const COURSE_SYSTEM_CODES = ['practical', 'general', 'training', 'professional'] as const;
export type CourseSystemCode = (typeof COURSE_SYSTEM_CODES)[number];

@Entity('course_system')
export class CourseSystem {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: CourseSystemCode;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'required_hours', type: 'int' })
  requiredHours: number;

  /** True when the source does not state the figure and the seed chose it. */
  @Column({ name: 'required_hours_is_default', type: 'boolean', default: false })
  requiredHoursIsDefault: boolean;

  @Column({ type: 'int' })
  position: number;
}
