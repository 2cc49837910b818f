// Shapes shared by the graders. They mirror the question shape of the API contract
// (design.md, "API contract"): the answer key is stored on the question as `answer`.

export type QuestionType = 'single' | 'multiple' | 'true_false' | 'fill_blank' | 'short_answer' | 'scenario';

export type Difficulty = 'easy' | 'medium' | 'hard';

export const QUESTION_TYPES: readonly QuestionType[] = [
  'single',
  'multiple',
  'true_false',
  'fill_blank',
  'short_answer',
  'scenario',
];

export interface RubricPoint {
  id: string;
  label: string;
  /** Positive integer weight of the point. */
  score: number;
  /** The point is found when ANY phrase occurs in the normalized reply. */
  phrases: string[];
}

export interface RubricForbidden {
  id: string;
  label: string;
  phrases: string[];
  /** Deducted once when any phrase of the item is used, however often. */
  penalty: number;
  /** A fatal item fails the reply whatever its score. */
  fatal?: boolean;
}

export interface RubricSequence {
  /** Expected SOP order of the points. */
  pointIds: string[];
  /** Deducted once when the found points do not first-occur in this order. */
  penalty: number;
}

export interface Rubric {
  points: RubricPoint[];
  forbidden?: RubricForbidden[];
  sequence?: RubricSequence;
  /** Score needed to pass, out of maxScore = the sum of the point scores. */
  passScore: number;
  requiresReview?: boolean;
}

/**
 * single: "A"; multiple: ["A","C"]; true_false: true;
 * fill_blank: [["春节","新年"],["7"]] (accepted alternatives per blank);
 * short_answer / scenario: a Rubric.
 */
export type AnswerKey = string | string[] | boolean | string[][] | Rubric;

export interface QuestionOption {
  key: string;
  text: string;
}

export interface GradableQuestion {
  type: QuestionType;
  points: number;
  answer: AnswerKey;
  /** Multiple choice only; defaults to all_or_nothing. */
  scoring?: 'all_or_nothing' | 'proportional';
  options?: QuestionOption[];
  /**
   * Scenario / short answer: the customer's message (or the stem). Text of the reply copied from
   * it earns no points (see scoreRubric).
   */
  prompt?: string;
}

export interface RubricPointResult {
  id: string;
  label: string;
  /** Points earned: the point's score when found, else 0. */
  score: number;
  /** The point's full score (its weight in the rubric). */
  maxScore: number;
  found: boolean;
  /** The phrase (as written in the rubric) whose occurrence counted. */
  matchedPhrase?: string;
  /** UTF-16 index in the ORIGINAL reply where the counted occurrence starts. */
  at?: number;
  /** UTF-16 index in the ORIGINAL reply just past the counted occurrence. */
  end?: number;
}

export interface RubricForbiddenResult {
  id: string;
  label: string;
  penalty: number;
  fatal: boolean;
  matchedPhrase: string;
  /** UTF-16 index in the ORIGINAL reply of the first use. */
  at: number;
  /** UTF-16 index in the ORIGINAL reply just past the first use. */
  end: number;
}

export interface RubricResult {
  score: number;
  maxScore: number;
  passed: boolean;
  needsReview: boolean;
  points: RubricPointResult[];
  /** Only the forbidden items the reply used, each once. */
  forbidden: RubricForbiddenResult[];
  /** null when the rubric has no sequence. */
  sequenceRespected: boolean | null;
  /** Short Chinese sentences a student can read. */
  explanation: string[];
}

export interface BlanksDetail {
  blanks: boolean[];
}

export interface ChoiceDetail {
  /** Distinct keys the student picked (spelled as in the options or the key). */
  picked: string[];
  /** Picked keys that belong to the answer key. */
  right: string[];
  /** Picked keys that do not belong to the answer key. */
  wrong: string[];
}

export interface QuestionGrade {
  score: number;
  maxScore: number;
  /** null while a human has to decide (rubric under review, or a broken answer key). */
  correct: boolean | null;
  needsReview: boolean;
  detail?: RubricResult | BlanksDetail | ChoiceDetail;
}

export interface GradeOptions {
  /** Send every rubric-scored question (short answer, scenario) to trainer review. */
  reviewRubrics?: boolean;
}
