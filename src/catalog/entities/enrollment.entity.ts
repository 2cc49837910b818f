import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('enrollment')
@Index('ix_enrollment_student', ['studentId'])
export class Enrollment {
  @PrimaryColumn({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @PrimaryColumn({ name: 'student_id', type: 'uuid' })
  studentId: string;

  /** Set when the enrolment came from enrolling a whole cohort. */
  @Column({ name: 'cohort_id', type: 'uuid', nullable: true })
  cohortId: string | null;

  @Column({ name: 'enrolled_by', type: 'uuid', nullable: true })
  enrolledBy: string | null;

  @Column({ name: 'enrolled_at', type: 'timestamptz', default: () => 'now()' })
  enrolledAt: Date;
}
