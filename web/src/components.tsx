import { useState } from 'react';
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

/**
 * Keyset paging as the API offers it (first/after): the cursors of the
 * pages walked so far, so "back" needs no `before` query.
 */
export function useCursors() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1],
    reset: () => setCursors([null]),
    back: () => setCursors((c) => c.slice(0, -1)),
    next: (cursor: string | null | undefined) => setCursors((c) => [...c, cursor ?? null]),
    first: cursors.length === 1,
  };
}

interface PageInfoLike {
  hasNextPage: boolean;
  endCursor?: string | null;
}

/** The "newer / older" buttons under a paged list. */
export function Pager({ label, pages, pageInfo, back = 'Previous', forward = 'Next' }: { label: string; pages: ReturnType<typeof useCursors>; pageInfo: PageInfoLike; back?: string; forward?: string }) {
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={pages.first} onClick={pages.back}>
        {back}
      </button>
      <button type="button" disabled={!pageInfo.hasNextPage} onClick={() => pages.next(pageInfo.endCursor)}>
        {forward}
      </button>
    </nav>
  );
}

/** A secret the API returns once (a key, a token): shown until dismissed, never stored. */
export function ShownOnce({ what, secret, testId, onDone }: { what: string; secret: string; testId: string; onDone: () => void }) {
  return (
    <div className="conflict" role="status">
      <p>{what}, shown only this once. Copy it now:</p>
      <p>
        <code data-testid={testId}>{secret}</code>
      </p>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}
