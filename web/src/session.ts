// The browser's session lives in an HttpOnly cookie that this code never
// sees. What the page holds is the session's CSRF token, in memory only
// (never in storage): every request that may change something sends it.

export interface Session {
  signedIn: boolean;
  csrfToken?: string;
  expiresAt?: string;
  /** The identity provider's name, when people may sign in with one. */
  provider?: string;
}

export const csrfHeader = 'X-Firebreak-CSRF';

export async function loadSession(): Promise<Session> {
  const res = await fetch('/auth/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(await errorText(res));
  return (await res.json()) as Session;
}

export async function redeemLink(token: string): Promise<Session> {
  const res = await fetch('/auth/link', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (!res.ok) throw new Error(await errorText(res));
  return (await res.json()) as Session;
}

export async function signOut(csrfToken: string | undefined): Promise<void> {
  await fetch('/auth/signout', { method: 'POST', credentials: 'same-origin', headers: { [csrfHeader]: csrfToken ?? '' } });
}

async function errorText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: string };
    if (body.error) return body.error;
  } catch {
    // not JSON
  }
  return `Firebreak answered ${res.status} ${res.statusText}`;
}

// Where to go back to after signing in: kept for the length of the tab
// (a path, not a secret) because a sign-in link arrives in another tab.
const returnKey = 'firebreak.returnTo';

export function rememberReturn(path: string) {
  sessionStorage.setItem(returnKey, safeReturn(path));
}

export function takeReturn(): string {
  const to = sessionStorage.getItem(returnKey);
  sessionStorage.removeItem(returnKey);
  return safeReturn(to ?? '/');
}

/** A path on this origin, never another site (as the server's check). */
export function safeReturn(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\r\n\t]/.test(next)) return '/';
  if (next.startsWith('/signin')) return '/';
  return next;
}
