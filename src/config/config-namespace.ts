import { randomBytes } from 'node:crypto';
import { registerAs } from '@nestjs/config';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** The raw variables a namespace reads from: process.env, or a test's own set. */
export type RawEnvironment = Record<string, unknown>;

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

export const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
export const toNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
export const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};

/**
 * One module's configuration: `Variables` declares (with class-validator) every environment
 * variable the module reads, each property initialised to its default; `build` turns them into
 * the typed object the module injects as `@Inject(xConfig.KEY) x: ConfigType<typeof xConfig>`.
 *
 * The result is a `registerAs` factory (reading process.env when called bare) that also takes the
 * raw variables, so start-up and tests build every namespace from one snapshot (`buildAppConfig`).
 * A bad value throws a ConfigValidationError naming the variable.
 */
export function configNamespace<N extends string, V extends object, T extends Record<string, unknown>>(
  namespace: N,
  Variables: new () => V,
  build: (vars: V, raw: RawEnvironment) => T,
) {
  const variables: readonly string[] = Object.keys(new Variables());
  const factory = registerAs(namespace, (raw: RawEnvironment = process.env): T => build(validateVariables(Variables, variables, raw), raw));
  return Object.assign(factory, { namespace, variables });
}

function validateVariables<V extends object>(Variables: new () => V, variables: readonly string[], raw: RawEnvironment): V {
  const picked: Record<string, unknown> = {};
  for (const key of variables) {
    const value = raw[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const vars = plainToInstance(Variables, picked);
  const errors = validateSync(vars, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigValidationError(
      errors.map((e) => {
        const got = raw[e.property];
        const shown = e.property.includes('SECRET') || e.property.includes('PASSWORD') || e.property === 'DATABASE_URL' ? '<hidden>' : JSON.stringify(got);
        return `${e.property} (got ${shown}): ${Object.values(e.constraints ?? {}).join('; ')}`;
      }),
    );
  }
  return vars;
}

/**
 * A secret production must be given; elsewhere a missing one is generated, and flagged so that
 * start-up can warn what the generated value breaks.
 */
export function secretOrGenerated(name: string, given: string | undefined, production: boolean): { value: string; generated: boolean } {
  if (given) return { value: given, generated: false };
  if (production) throw new ConfigValidationError([`${name} (missing): required when NODE_ENV=production (at least 32 characters)`]);
  return { value: randomBytes(32).toString('base64url'), generated: true };
}
