/** Response shapes the trainer pages read (copied from src/<context>/<context>.views.ts). */
export interface LessonView {
  id: string;
  title: string;
  position: number;
  mode: string;
  creditMinutes: number;
  mediaId: string | null;
  durationSeconds: number | null;
  allowSkipAhead: boolean;
  scenarioId: string | null;
  /** Reading and self-study lessons: the text to read. */
  body: string;
}

export interface ModuleView {
  id: string;
  title: string;
  position: number;
  hours: number;
  creditMinutes: number;
  lessons: LessonView[];
}

export interface CourseSummaryView {
  id: string;
  systemCode: string;
  title: string;
  description: string;
  delivery: string;
  hours: number;
  status: string;
  version: number | null;
  lessonCount: number;
  ownerId?: string | null;
}

export interface CourseView extends CourseSummaryView {
  modules: ModuleView[];
  hasUnpublishedChanges?: boolean;
  trainerIds?: string[];
}

export interface PublishResult {
  courseId: string;
  version: number;
  created: boolean;
  publishedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface BankView {
  id: string;
  code: string | null;
  title: string;
  description: string;
  systemCode: string | null;
  ownerId: string | null;
  shared: boolean;
  questionCount: number;
  createdAt: string;
}

export interface QuestionView {
  id: string;
  bankId: string;
  ref: string | null;
  version: number;
  keyRevision: number;
  type: string;
  stem: string;
  options: Array<{ key: string; text: string }> | null;
  answer: unknown;
  points: number;
  tags: string[];
  difficulty: string | null;
  explanation: string | null;
}

export interface ImportRowReport {
  row?: number;
  line?: number;
  ref: string | null;
  status: 'created' | 'updated' | 'unchanged' | 'failed';
  questionId?: string;
  version?: number;
  code?: string;
  reason?: string;
}

export interface ImportReport {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  rows: ImportRowReport[];
}

export interface ExamView {
  id: string;
  title: string;
  timeLimitMinutes: number;
  passScore: number;
  maxAttempts: number;
  questionCount: number;
  reviewPolicy: string;
  opensAt: string | null;
  closesAt: string | null;
  lessonId: string | null;
  tierCode: string | null;
}

export interface SubmissionView {
  id: string;
  scenarioTitle: string;
  studentId: string;
  studentName: string;
  reply: string;
  status: string;
  statusText: string;
  integrityFlags: string[];
  qaSampled: boolean;
  score: number | null;
  maxScore: number | null;
  passed: boolean | null;
  autoScore: number | null;
  autoPassed: boolean | null;
  result: { explanation: string[] } | null;
  reviewComment: string | null;
  submittedAt: string;
}

export interface ExamReviewView {
  id: string;
  status: string;
  examTitle: string;
  studentName: string;
  stem: string;
  answer: unknown;
  autoScore: number;
  maxScore: number;
  score: number | null;
  comment: string | null;
  createdAt: string;
}

export interface ClassSessionView {
  id: string;
  courseId: string;
  courseTitle: string;
  lessonId: string | null;
  title: string | null;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  place: string;
  delivery: string;
  creditMinutes: number;
  checkIn: { open: boolean };
}

export interface CheckInCodeView {
  code: string;
  screenUrl: string;
}

export interface AttendanceView {
  status: string;
  note: string | null;
  revision: number;
  creditedMinutes: number;
}

export interface RosterEntryView {
  studentId: string;
  username: string;
  displayName: string;
  enrolled: boolean;
  status: string | null;
  attendance: AttendanceView | null;
}
