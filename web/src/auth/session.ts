import { useSyncExternalStore } from 'react';
import { api, setTokenSource, unwrap } from '../api/client';
import type { LoginAnswer, TokenPairView, UserRole, UserView } from '../api/views';

/**
 * The login of this browser: access and refresh tokens (kept in localStorage so a reload or a
 * second tab stays signed in) and the user. The API client renews the tokens on a 401, once;
 * when the refresh token is refused the session is cleared and the pages show the login page.
 */
export interface Session {
  accessToken: string;
  refreshToken: string;
  refreshExpiresAt: string;
  user: UserView;
}

const KEY = 'lms.session';
const listeners = new Set<() => void>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

function store(next: Session | null): void {
  current = next;
  if (next) window.localStorage.setItem(KEY, JSON.stringify(next));
  else window.localStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

// Another tab signed in, out or renewed the tokens.
window.addEventListener('storage', (e) => {
  if (e.key !== KEY) return;
  current = read();
  listeners.forEach((l) => l());
});

export function getSession(): Session | null {
  return current;
}

/** The session; the component renders again when it changes (login, logout, renewal, another tab). */
export function useSession(): Session | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

/** Where a role lands after login. */
export function homeFor(role: UserRole): string {
  return role === 'student' ? '/student' : role === 'trainer' ? '/trainer' : '/admin';
}

function fromAnswer(answer: LoginAnswer): Session {
  return {
    accessToken: answer.accessToken,
    refreshToken: answer.refreshToken,
    refreshExpiresAt: answer.refreshExpiresAt,
    user: { ...answer.user, mustChangePassword: answer.mustChangePassword },
  };
}

export async function login(username: string, password: string): Promise<Session> {
  const answer = await unwrap<LoginAnswer>(api.POST('/api/auth/login', { body: { username, password } }));
  const session = fromAnswer(answer);
  store(session);
  return session;
}

/** Ends the login on the server (best effort) and here. */
export async function logout(): Promise<void> {
  const s = current;
  store(null);
  if (s) await api.POST('/api/auth/logout', { body: { refreshToken: s.refreshToken } }).catch(() => undefined);
}

/** Changes the password; every login of the account ends and the answer is a fresh one. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<Session> {
  const answer = await unwrap<LoginAnswer>(api.POST('/api/me/password', { body: { currentPassword, newPassword } }));
  const session = fromAnswer(answer);
  store(session);
  return session;
}

let renewing: Promise<boolean> | null = null;

/** One refresh at a time: a refresh token is single-use, so concurrent 401s share the renewal. */
function renew(): Promise<boolean> {
  renewing ??= (async () => {
    const s = current;
    if (!s) return false;
    try {
      const pair = await unwrap<TokenPairView>(api.POST('/api/auth/refresh', { body: { refreshToken: s.refreshToken } }));
      // Another tab may have renewed meanwhile; keep whichever is newest (ours, just answered).
      store({ ...s, accessToken: pair.accessToken, refreshToken: pair.refreshToken, refreshExpiresAt: pair.refreshExpiresAt, user: { ...s.user, mustChangePassword: pair.mustChangePassword } });
      return true;
    } catch (err) {
      // A network failure keeps the session (the next request tries again); a refusal ends it.
      if ((err as { status?: number | null }).status != null) store(null);
      return false;
    }
  })().finally(() => (renewing = null));
  return renewing;
}

setTokenSource({ accessToken: () => current?.accessToken ?? null, renew });
