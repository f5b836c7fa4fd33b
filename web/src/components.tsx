import type { CombinedError } from 'urql';
import { problemOf } from './errors';

/** An API error in words, announced to screen readers. */
export function Problem({ error }: { error?: CombinedError | null }) {
  const p = problemOf(error);
  if (!p) return null;
  if (p.code === 'UNAUTHENTICATED') {
    return (
      <p role="alert" className="problem">
        {p.message} <a href={`/signin?next=${encodeURIComponent(window.location.pathname)}`}>Sign in</a>
      </p>
    );
  }
  return (
    <p role="alert" className="problem">
      {p.message}
    </p>
  );
}
