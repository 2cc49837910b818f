/**
 * Response shapes the pages read, copied from the server's views (src/<context>/<context>.views.ts)
 * for the operations whose OpenAPI entry does not declare its response yet. Once an operation
 * declares one, schema.d.ts carries the type and `unwrap()` infers it: drop the type here.
 */
export type UserRole = 'student' | 'trainer' | 'admin';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  status: string;
  cohortId: string | null;
  cohortName: string | null;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface TokenPairView {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
  mustChangePassword: boolean;
}

export type LoginAnswer = TokenPairView & { user: UserView };

export interface TranscriptView {
  studentId: string;
  systems: Array<{ code: string; name: string; requiredHours: number; creditedMinutes: number; creditedHours: number; met: boolean }>;
  totalEntries: number;
}

// ---- Student assessment pages (exams, drills, certificates): src/assessment, src/training, src/certification views.

export type ReviewPolicy = 'never' | 'after_submit' | 'after_graded' | 'after_close';
export type AttemptStatus = 'in_progress' | 'submitted' | 'graded' | 'needs_review';

export interface AttemptSummaryView {
  id: string;
  attemptNo: number;
  status: AttemptStatus;
  startedAt: string;
  deadline: string;
  submittedAt: string | null;
  score?: number;
  maxScore: number;
  passed?: boolean;
}

export interface StudentExamView {
  id: string;
  title: string;
  description: string;
  timeLimitMinutes: number;
  timeLimitSeconds: number;
  passScore: number;
  maxAttempts: number;
  questionCount: number;
  shuffle: { questions: boolean; options: boolean };
  reviewPolicy: ReviewPolicy;
  opensAt: string | null;
  closesAt: string | null;
  lessonId: string | null;
  tierCode: string | null;
  attemptsUsed: number;
  openAttemptId: string | null;
  attempts: AttemptSummaryView[];
}

export type QuestionType = 'single' | 'multiple' | 'true_false' | 'fill_blank' | 'short_answer' | 'scenario';

export interface AttemptQuestionView {
  id: string;
  position: number;
  type: QuestionType;
  stem: string;
  points: number;
  scoring?: string;
  options?: Array<{ key: string; text: string }>;
  blanks?: number;
}

export interface ReviewedQuestionView {
  questionId: string;
  correctAnswer: unknown;
  explanation: string | null;
  score: number | null;
  maxScore: number;
  correct: boolean | null;
  feedback?: string[];
}

export interface AttemptView {
  id: string;
  examId: string;
  examTitle: string;
  attemptNo: number;
  status: AttemptStatus;
  startedAt: string;
  deadline: string;
  serverTime: string;
  submittedAt: string | null;
  submittedBy: 'student' | 'deadline' | 'sweep' | null;
  questions: AttemptQuestionView[];
  answers: Record<string, { answer: unknown; clientSeq: number; savedAt: string }>;
  maxScore: number;
  score?: number;
  percent?: number;
  passed?: boolean;
  review?: ReviewedQuestionView[];
}

export interface AnswerSavedView {
  questionId: string;
  applied: boolean;
  clientSeq: number;
  savedAt: string | null;
}

/** One unmet rule of a tier (TIER_EXAM_NOT_ELIGIBLE's `unmet`): `message` is a Chinese sentence. */
export interface RuleCheckView {
  index: number;
  kind: string;
  met: boolean;
  message: string;
}

export interface ScenarioView {
  id: string;
  title: string;
  summary: string;
  customerMessage: string;
  conversation: string[];
  hours: number;
  creditMinutes: number;
  hoursIsDefault: boolean;
}

export interface DrillReviewView {
  score: number;
  maxScore: number;
  passed: boolean;
  previousScore: number | null;
  previousPassed: boolean | null;
  comment: string;
  reviewerId: string;
  reviewerName: string;
  createdAt: string;
}

export interface SubmissionView {
  id: string;
  scenarioId: string;
  scenarioTitle: string;
  reply: string;
  status: 'submitted' | 'needs_review' | 'graded';
  statusText: string;
  requiresReview: boolean;
  qaSampled: boolean;
  score: number | null;
  maxScore: number | null;
  passed: boolean | null;
  result: {
    points: Array<{ id: string; label: string; found: boolean; score: number; maxScore: number; excerpt?: string }>;
    forbidden: Array<{ id: string; label: string; penalty: number; fatal: boolean; excerpt?: string }>;
    sequenceRespected: boolean | null;
    explanation: string[];
  } | null;
  reviewComment: string | null;
  reviewedAt: string | null;
  reviews?: DrillReviewView[];
  submittedAt: string;
  gradedAt: string | null;
}

export interface DrillResultView {
  scenarioId: string;
  scenarioTitle: string;
  passed: boolean;
  bestScore: number | null;
  bestMaxScore: number | null;
  credited: boolean;
}

export interface CertificateView {
  id: string;
  serial: string;
  tierCode: string;
  tierName: string;
  studentName: string;
  status: 'valid' | 'revoked' | 'expired';
  issuedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  verificationUrl: string;
  verificationCode: string;
}

export interface CredentialView {
  format: 'vc+jwt';
  jwt: string;
  credential: object;
}

export interface Paged<T> {
  items: T[];
  total: number;
}
