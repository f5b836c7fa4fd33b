import { useEffect, useMemo, useState } from 'react';
import { Provider, useQuery } from 'urql';
import { Link, Route, Switch, useLocation } from 'wouter';
import { createApiClient, createSocketClient, type ConnectionState } from './client';
import { graphql } from './gql';
import { DeclarePage } from './pages/Declare';
import { IncidentPage } from './pages/Incident';
import { FollowUpsPage } from './pages/FollowUps';
import { IncidentsPage } from './pages/Incidents';
import { ManagePage } from './pages/Manage';
import { NumbersPage } from './pages/Numbers';
import { RetrospectivePage } from './pages/Retrospective';
import { SeveritiesPage } from './pages/Severities';
import { SignInLinkPage, SignInPage } from './pages/SignIn';
import { loadSession, signOut, type Session } from './session';
import { LiveContext, RoleContext } from './live';

const meQuery = graphql(`
  query Me {
    me {
      id
      name
      role
    }
  }
`);

export function App() {
  const [location] = useLocation();
  const [session, setSession] = useState<Session | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    loadSession().then(setSession, (e: Error) => setFailure(e.message));
  }, []);

  if (location.startsWith('/signin')) {
    return (
      <Switch>
        <Route path="/signin/link">
          <SignInLinkPage />
        </Route>
        <Route>
          <SignInPage session={session} />
        </Route>
      </Switch>
    );
  }
  if (failure) return <Centered title="Firebreak cannot be reached">{failure}</Centered>;
  if (!session) return <Centered title="Firebreak">Loading…</Centered>;
  if (!session.signedIn || !session.csrfToken) return <ToSignIn />;
  return <SignedIn csrfToken={session.csrfToken} />;
}

// Back to this page after signing in.
function ToSignIn() {
  useEffect(() => {
    const here = window.location.pathname + window.location.search + window.location.hash;
    window.location.replace(`/signin?next=${encodeURIComponent(here)}`);
  }, []);
  return <Centered title="Firebreak">Signing in…</Centered>;
}

function SignedIn({ csrfToken }: { csrfToken: string }) {
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const { socket, client } = useMemo(() => {
    const socket = createSocketClient(csrfToken, setConnection);
    return { socket, client: createApiClient(csrfToken, socket) };
  }, [csrfToken]);
  useEffect(() => () => void socket.dispose(), [socket]);
  return (
    <Provider value={client}>
      <LiveContext.Provider value={{ socket, connection }}>
        <Shell csrfToken={csrfToken} />
      </LiveContext.Provider>
    </Provider>
  );
}

function Shell({ csrfToken }: { csrfToken: string }) {
  const [{ data }] = useQuery({ query: meQuery });
  const out = async () => {
    await signOut(csrfToken);
    window.location.assign('/signin');
  };
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <nav aria-label="Main">
          <Link href="/" className="brand">
            Firebreak
          </Link>
          <Link href="/">Incidents</Link>
          <Link href="/declare">Declare</Link>
          <Link href="/follow-ups">Follow-ups</Link>
          <Link href="/numbers">Numbers</Link>
          <Link href="/severities">Severities</Link>
          {data?.me.role === 'ADMIN' && <Link href="/manage/people">Administration</Link>}
        </nav>
        <div className="who">
          {data?.me && (
            <span>
              {data.me.name} <span className="muted">({data.me.role.toLowerCase()})</span>
            </span>
          )}
          <button type="button" onClick={out}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <RoleContext.Provider value={data?.me.role ?? null}>
        <Switch>
          <Route path="/">
            <IncidentsPage />
          </Route>
          <Route path="/incidents">
            <IncidentsPage />
          </Route>
          <Route path="/declare">
            <DeclarePage />
          </Route>
          <Route path="/incidents/:number">{(p) => <IncidentPage number={Number(p.number)} />}</Route>
          <Route path="/incidents/:number/retrospective">{(p) => <RetrospectivePage number={Number(p.number)} />}</Route>
          <Route path="/follow-ups">
            <FollowUpsPage />
          </Route>
          <Route path="/numbers">
            <NumbersPage />
          </Route>
          <Route path="/manage">
            <ManagePage section="people" />
          </Route>
          <Route path="/manage/:section">{(p) => <ManagePage section={p.section} />}</Route>
          <Route path="/severities">
            <SeveritiesPage />
          </Route>
          <Route>
            <NotFound />
          </Route>
        </Switch>
        </RoleContext.Provider>
      </main>
    </>
  );
}

export function NotFound({ what = 'page' }: { what?: string }) {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no such {what}, or you do not have access to it. <Link href="/">All incidents</Link>
      </p>
    </section>
  );
}

function Centered({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main id="main" className="centered">
      <h1>{title}</h1>
      <p>{children}</p>
    </main>
  );
}
