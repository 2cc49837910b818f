import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentVariables } from '../../src/config/environment';

describe('.env.example', () => {
  it('documents every variable the process reads, and nothing else', () => {
    const documented = readFileSync(join(__dirname, '../../.env.example'), 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z0-9_]+=/.test(l))
      .map((l) => l.split('=')[0])
      .sort();
    expect(documented).toEqual(Object.keys(new EnvironmentVariables()).sort());
  });
});
