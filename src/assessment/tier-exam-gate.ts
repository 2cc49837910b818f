/**
 * Who may sit a tier's certification exam is certification's rule, asked at attempt start. Assessment
 * declares the question; the certification module provides the answer under this token (resolved
 * at call time, so assessment does not import certification, which reads assessment's results).
 */
export abstract class TierExamGate {
  /** Throws a 403 domain error naming the unmet rules when the student may not start the tier's exam. */
  abstract assertMayStart(studentId: string, tierCode: string): Promise<void>;
}
