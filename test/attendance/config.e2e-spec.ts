import { buildAppConfig } from '../../src/config/app-config';
import { ConfigValidationError } from '../../src/config/config-namespace';

describe('check-in configuration', () => {
  const problems = (env: Record<string, string>): string[] => {
    try {
      buildAppConfig(env);
      return [];
    } catch (err) {
      if (err instanceof ConfigValidationError) return err.problems;
      throw err;
    }
  };

  it('requires CHECK_IN_SECRET in production, and names it', () => {
    const others = { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(40), MEDIA_URL_SECRET: 'm'.repeat(40), CREDENTIAL_KEY_SECRET: 'k'.repeat(40) };
    const missing = problems(others);
    expect(missing).toEqual([expect.stringMatching(/^CHECK_IN_SECRET \(missing\): required when NODE_ENV=production/)]);
    expect(problems({ ...others, CHECK_IN_SECRET: 'c'.repeat(40) })).toEqual([]);
  });

  it('refuses a short secret without echoing it', () => {
    const [problem] = problems({ CHECK_IN_SECRET: 'too-short-secret' });
    expect(problem).toMatch(/^CHECK_IN_SECRET \(got <hidden>\)/);
  });

  it('refuses a grace longer than a step', () => {
    expect(problems({ CHECK_IN_STEP_SECONDS: '30', CHECK_IN_GRACE_SECONDS: '31' })).toEqual([expect.stringMatching(/^CHECK_IN_GRACE_SECONDS \(got 31\)/)]);
  });

  it('generates a secret outside production and says so, so the operator can warn that replicas will disagree', () => {
    const generated = buildAppConfig({}).attendance;
    expect(generated.checkInSecretGenerated).toBe(true);
    expect(generated.checkInSecret.length).toBeGreaterThanOrEqual(32);
    expect(buildAppConfig({}).attendance.checkInSecret).not.toBe(generated.checkInSecret);
    expect(buildAppConfig({ CHECK_IN_SECRET: 's'.repeat(40) }).attendance).toMatchObject({ checkInSecret: 's'.repeat(40), checkInSecretGenerated: false, codeStepSeconds: 30, codeGraceSeconds: 10 });
  });
});
