import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { CertificateSerial } from '../certification/entities/certificate-serial.entity';
import { Certificate } from '../certification/entities/certificate.entity';
import { CertificationTier } from '../certification/entities/certification-tier.entity';
import { SigningKey } from '../certification/entities/signing-key.entity';
import { TierRuleVersion } from '../certification/entities/tier-rule-version.entity';
import { AttemptItem } from '../assessment/entities/attempt-item.entity';
import { Attempt } from '../assessment/entities/attempt.entity';
import { Exam } from '../assessment/entities/exam.entity';
import { QuestionBank } from '../assessment/entities/question-bank.entity';
import { QuestionVersion } from '../assessment/entities/question-version.entity';
import { Question } from '../assessment/entities/question.entity';
import { AnswerKeyCorrection } from '../assessment/grading/entities/answer-key-correction.entity';
import { AttemptRegrade } from '../assessment/grading/entities/attempt-regrade.entity';
import { GradingRun } from '../assessment/grading/entities/grading-run.entity';
import { ReviewTask } from '../assessment/grading/entities/review-task.entity';
import { CourseModule } from '../catalog/entities/course-module.entity';
import { CourseSystem } from '../catalog/entities/course-system.entity';
import { CourseVersion } from '../catalog/entities/course-version.entity';
import { Course } from '../catalog/entities/course.entity';
import { CourseTrainer } from '../catalog/entities/course-trainer.entity';
import { Enrollment } from '../catalog/entities/enrollment.entity';
import { Lesson } from '../catalog/entities/lesson.entity';
import { Cohort } from '../identity/entities/cohort.entity';
import { User } from '../identity/entities/user.entity';
import { HourEntry } from '../hours/entities/hour-entry.entity';
import { AttendanceChange } from '../attendance/entities/attendance-change.entity';
import { Attendance } from '../attendance/entities/attendance.entity';
import { ClassSession } from '../attendance/entities/class-session.entity';
import { OutboxJob } from '../jobs/entities/outbox-job.entity';
import { DrillGradingEvent } from '../training/entities/drill-grading-event.entity';
import { DrillResult } from '../training/entities/drill-result.entity';
import { DrillReview } from '../training/entities/drill-review.entity';
import { DrillSubmission } from '../training/entities/drill-submission.entity';
import { HeartbeatLog } from '../learning/entities/heartbeat-log.entity';
import { LessonProgress } from '../learning/entities/lesson-progress.entity';
import { PlaybackSession } from '../learning/entities/playback-session.entity';
import { Media } from '../media/entities/media.entity';
import { AuthRefreshToken } from '../identity/entities/auth-refresh-token.entity';
import { AuthSession } from '../identity/entities/auth-session.entity';
import { TrainingScenario } from '../training/entities/training-scenario.entity';

/** Every entity, listed once, for the app, the migration CLI and the tests. */
export const ENTITIES = [
  AuditEntry,
  CertificationTier,
  TierRuleVersion,
  CertificateSerial,
  Certificate,
  SigningKey,
  Cohort,
  User,
  AuthSession,
  AuthRefreshToken,
  CourseSystem,
  Course,
  CourseTrainer,
  CourseModule,
  Lesson,
  CourseVersion,
  Enrollment,
  TrainingScenario,
  HourEntry,
  OutboxJob,
  ClassSession,
  Attendance,
  AttendanceChange,
  DrillSubmission,
  DrillGradingEvent,
  DrillReview,
  DrillResult,
  Media,
  LessonProgress,
  PlaybackSession,
  HeartbeatLog,
  QuestionBank,
  Question,
  QuestionVersion,
  Exam,
  Attempt,
  AttemptItem,
  ReviewTask,
  GradingRun,
  AnswerKeyCorrection,
  AttemptRegrade,
];
