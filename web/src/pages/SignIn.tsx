import { useEffect, useState } from 'react';
import { signInErrors } from '../errors';
import { redeemLink, rememberReturn, safeReturn, takeReturn, type Session } from '../session';

export function SignInPage({ session }: { session: Session | null }) {
  const params = new URLSearchParams(window.location.search);
  const next = safeReturn(params.get('next'));
  const error = params.get('error');
  // Kept at once (idempotent), before a sign-in link can be opened.
  rememberReturn(next);
  useEffect(() => {
    document.title = 'Sign in · Firebreak';
  }, []);
  useEffect(() => {
    // Already signed in (a second tab, or back from the provider): go on.
    if (session?.signedIn && !error) window.location.replace(next);
  }, [session, next, error]);
  return (
    <main id="main" className="centered signin">
      <h1>Sign in to Firebreak</h1>
      {error && (
        <p role="alert" className="problem">
          {signInErrors[error] ?? 'The sign-in did not succeed. Please try again.'}
        </p>
      )}
      {session?.provider && (
        <p>
          <a className="button primary" href={`/auth/oidc/start?next=${encodeURIComponent(next)}`}>
            Sign in with {session.provider}
          </a>
        </p>
      )}
      <section aria-labelledby="link-heading">
        <h2 id="link-heading">{session?.provider ? 'Or with a sign-in link' : 'With a sign-in link'}</h2>
        <p>
          An admin prints a one-time link for you with <code>firebreak signin-link --email you@example.com</code> (
          <code>make run</code> prints one for the first admin). Open it in this browser; it works once, for 30 minutes.
        </p>
      </section>
      <section aria-labelledby="key-heading">
        <h2 id="key-heading">Scripts and API keys</h2>
        <p>
          Programs use an API key in <code>Authorization: Bearer …</code>. To try queries with a key, open <a href="/graphiql">GraphiQL</a>.
        </p>
      </section>
    </main>
  );
}

// A link works once: the page must not spend one twice (an effect run
// again). Another link opened in the same tab changes only the fragment,
// which does not load the page again: the page listens for it.
const spent = new Set<string>();

export function SignInLinkPage() {
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    document.title = 'Signing in · Firebreak';
    const redeem = () => {
      const token = window.location.hash.slice(1);
      if (token && spent.has(token)) return;
      // Out of the address bar and history at once: the token is used up.
      history.replaceState(null, '', '/signin/link');
      if (!token) {
        if (spent.size === 0) setProblem('This sign-in link is incomplete: open the whole link you were given.');
        return;
      }
      spent.add(token);
      setProblem(null);
      redeemLink(token).then(
        () => window.location.replace(takeReturn()),
        (e: Error) => setProblem(e.message),
      );
    };
    redeem();
    window.addEventListener('hashchange', redeem);
    return () => window.removeEventListener('hashchange', redeem);
  }, []);
  return (
    <main id="main" className="centered signin">
      <h1>Signing in</h1>
      {problem ? (
        <p role="alert" className="problem">
          {problem} <a href="/signin">Sign-in options</a>
        </p>
      ) : (
        <p>One moment…</p>
      )}
    </main>
  );
}
