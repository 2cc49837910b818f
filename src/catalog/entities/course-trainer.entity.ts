import { CreateDateColumn, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A co-trainer of a course: manages it like its owner, but cannot change who the co-trainers are. */
@Entity('course_trainer')
@Index('ix_course_trainer_trainer', ['trainerId'])
export class CourseTrainer {
  @PrimaryColumn({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @PrimaryColumn({ name: 'trainer_id', type: 'uuid' })
  trainerId: string;

  @Column({ name: 'added_by', type: 'uuid', nullable: true })
  addedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
