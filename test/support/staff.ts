// Extra accounts for the ownership tests: each created by the admin with a known password, then signed in.
import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

export interface Account {
  id: string;
  username: string;
  token: string;
}

export async function makeAccount(t: TestApp, adminToken: string, role: 'trainer' | 'student' | 'admin', prefix: string = role): Promise<Account> {
  const username = `${prefix}-${randomBytes(3).toString('hex')}`;
  const password = 'owner-test-2022';
  const created = await t.http().post('/api/users').set('Authorization', `Bearer ${adminToken}`).send({ username, displayName: username, role, password });
  if (created.status !== 201) throw new Error(`user ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  const token = await t.login(username, password);
  return { id: created.body.id, username, token };
}
