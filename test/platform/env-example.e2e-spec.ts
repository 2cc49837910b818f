import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_NAMESPACES } from '../../src/config/app-config';

describe('.env.example', () => {
  const declared = CONFIG_NAMESPACES.flatMap((namespace) => namespace.variables);

  it('documents every variable the process reads, and nothing else', () => {
    const documented = readFileSync(join(__dirname, '../../.env.example'), 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z0-9_]+=/.test(l))
      .map((l) => l.split('=')[0])
      .sort();
    expect(documented).toEqual([...declared].sort());
  });

  it('takes each variable from one namespace only', () => {
    const twice = declared.filter((name, i) => declared.indexOf(name) !== i);
    expect(twice).toEqual([]);
  });
});
