import type { CombinedError } from 'urql';

// People read what went wrong in words, from the API's error codes.
export interface Problem {
  code: string;
  message: string;
  field?: string;
  retryAfterSeconds?: number;
}

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

export function problemOf(error: CombinedError | undefined | null): Problem | null {
  if (!error) return null;
  const first = error.graphQLErrors[0] as GraphQLErrorLike | undefined;
  if (!first) {
    return { code: 'NETWORK', message: 'Firebreak cannot be reached. Check your connection; the page retries on its own.' };
  }
  return explain(first);
}

export function explain(e: GraphQLErrorLike): Problem {
  const code = String(e.extensions?.code ?? 'INTERNAL');
  const field = typeof e.extensions?.field === 'string' ? e.extensions.field : undefined;
  const retry = retryAfter(e.message);
  switch (code) {
    case 'UNAUTHENTICATED':
      return { code, message: 'Your session has ended. Sign in again.' };
    case 'FORBIDDEN':
      return { code, message: `You do not have permission to do that. ${e.message}` };
    case 'NOT_FOUND':
      return { code, message: 'Not found.' };
    case 'RATE_LIMITED':
      return { code, retryAfterSeconds: retry, message: retry ? `Too many requests: try again in ${retry} s.` : 'Too many requests: try again shortly.' };
    case 'UNAVAILABLE':
      return { code, message: 'Firebreak cannot reach its database for a moment. Try again in a few seconds.' };
    case 'CONFLICT':
      return { code, field, message: `Someone changed this while you were editing: ${e.message}` };
    case 'BAD_USER_INPUT':
    case 'INVALID_TRANSITION':
      return { code, field, message: e.message };
  }
  return { code, message: 'Something went wrong on Firebreak’s side. Try again; if it keeps happening, tell an admin.' };
}

/** Reads "retry after 1.5s" style waits from a RATE_LIMITED message. */
export function retryAfter(message: string): number | undefined {
  const m = /retry after ([\d.]+)(ms|s)/.exec(message);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Math.max(1, Math.ceil(m[2] === 'ms' ? n / 1000 : n));
}

export const signInErrors: Record<string, string> = {
  STATE: 'That sign-in could not be finished (it was started in another browser, used already, or took too long). Please sign in again.',
  DENIED: 'The identity provider did not sign you in.',
  REFUSED: 'The identity provider’s answer was refused. If your account was deactivated in Firebreak, ask an admin.',
  UNAVAILABLE: 'The identity provider cannot be reached right now. Try again shortly.',
};
