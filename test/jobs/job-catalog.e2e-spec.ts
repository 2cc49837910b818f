import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { JOB_ID, JobName, jobIdOf } from '../../src/jobs/job-catalog';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('job catalogue: ids', () => {
  const attemptId = '0b7f3c1e-5d2a-4c55-9e0e-3f1f2b7c9a10';
  const correctionId = '6a1d4e2f-8b3c-4f7a-a1d2-9c8e7f6b5a43';

  it('builds each job id from the payload alone: the same work always gets the same id', () => {
    expect(jobIdOf(JobName.GradeAttempt, { attemptId })).toBe(`grade-${attemptId}`);
    expect(jobIdOf(JobName.AutoSubmitAttempt, { attemptId })).toBe(`autosubmit-${attemptId}`);
    expect(jobIdOf(JobName.GradeDrillSubmission, { submissionId: attemptId })).toBe(`drill-${attemptId}`);
    expect(jobIdOf(JobName.RegradeAttempt, { attemptId, correctionId })).toBe(`regrade-${attemptId}-${correctionId}`);
  });

  it('gives different jobs of one attempt different ids, all of them ids BullMQ accepts', () => {
    const ids = [
      jobIdOf(JobName.GradeAttempt, { attemptId }),
      jobIdOf(JobName.AutoSubmitAttempt, { attemptId }),
      jobIdOf(JobName.RegradeAttempt, { attemptId, correctionId }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(JOB_ID);
  });

  it('refuses a payload that would make an id BullMQ refuses', () => {
    expect(() => jobIdOf(JobName.GradeAttempt, { attemptId: 'a:b' })).toThrow(/must match/);
  });

  it('is the only place that spells a job id: no other source builds one', () => {
    const root = join(__dirname, '../..');
    const offenders = files(join(root, 'src'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('job-catalog.ts'))
      .filter((f) => /jobId:\s*[`'"](?!\$\d)|JobId\s*=\s*\(|`(grade|autosubmit|drill|regrade)-\$\{/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });
});
