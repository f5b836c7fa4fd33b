import { useEffect, useRef, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { Link } from 'wouter';
import { Pager, Problem, useCursors } from '../components';
import { graphql } from '../gql';
import type { IncidentStatus } from '../gql/graphql';
import { severitiesQuery } from './Severities';

const pageSize = 25;

const incidentsQuery = graphql(`
  query IncidentList($filter: IncidentFilter, $first: Int, $after: String) {
    incidents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        number
        title
        status
        visibility
        declaredAt
        severity {
          id
          name
          color
        }
        commander {
          id
          name
        }
      }
    }
  }
`);

const incidentChanges = graphql(`
  subscription IncidentListChanges($filter: IncidentFilter) {
    incidentChanges(filter: $filter) {
      id
      version
    }
  }
`);

const open: IncidentStatus[] = ['INVESTIGATING', 'IDENTIFIED', 'MONITORING'];

const mineQuery = graphql(`
  query MyWork {
    me {
      id
    }
  }
`);

const myRolesQuery = graphql(`
  query MyOpenRoles($me: ID!) {
    incidents(filter: { roleHolderId: $me, statuses: [INVESTIGATING, IDENTIFIED, MONITORING] }, first: 10) {
      totalCount
      nodes {
        id
        number
        title
        roles {
          role
          user {
            id
          }
        }
      }
    }
    actionItems(filter: { ownerId: $me, overdue: true }, first: 10) {
      totalCount
      nodes {
        id
        title
        dueAt
        incident {
          id
          number
        }
      }
    }
  }
`);

/** The viewer's own open roles and overdue follow-ups, above the list. */
function MyWork() {
  const [{ data: me }] = useQuery({ query: mineQuery });
  const id = me?.me.id;
  const [{ data }] = useQuery({ query: myRolesQuery, variables: { me: id ?? '' }, pause: !id });
  if (!data || (data.incidents.totalCount === 0 && data.actionItems.totalCount === 0)) return null;
  return (
    <section aria-labelledby="my-work" className="my-work">
      <h2 id="my-work">Yours</h2>
      {data.incidents.nodes.length > 0 && (
        <ul>
          {data.incidents.nodes.map((inc) => (
            <li key={inc.id}>
              {inc.roles
                .filter((r) => r.user.id === id)
                .map((r) => statusName(r.role))
                .join(', ')}{' '}
              on <Link href={`/incidents/${inc.number}`}>#{inc.number} {inc.title}</Link>
            </li>
          ))}
        </ul>
      )}
      {data.actionItems.nodes.length > 0 && (
        <p>
          <Link href="/follow-ups">
            {data.actionItems.totalCount} overdue follow-up{data.actionItems.totalCount > 1 ? 's' : ''}
          </Link>
          : {data.actionItems.nodes.map((a) => a.title).join('; ')}
        </p>
      )}
    </section>
  );
}

export function IncidentsPage() {
  const [which, setWhich] = useState<'open' | 'all'>('open');
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const pages = useCursors();
  useEffect(() => {
    document.title = 'Incidents · Firebreak';
  }, []);
  const [level, setLevel] = useState<number | null>(null);
  const [{ data: severities }] = useQuery({ query: severitiesQuery });
  const filter = { ...(which === 'open' ? { statuses: open } : {}), ...(query ? { query } : {}), ...(level ? { severityLevels: [level] } : {}) };
  const after = pages.after;
  const [result, refetch] = useQuery({ query: incidentsQuery, variables: { filter, first: pageSize, after } });
  // Live: any change to an incident the list could show reloads the page
  // of the list in view.
  // A burst of changes (reminders going out, an alert storm) reloads the
  // page once a second at most, not once per change.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(pending.current ?? undefined), []);
  useSubscription({ query: incidentChanges, variables: {} }, (_prev, change) => {
    if (!pending.current) {
      pending.current = setTimeout(() => {
        pending.current = null;
        refetch({ requestPolicy: 'network-only' });
      }, 1000);
    }
    return change;
  });
  const data = result.data?.incidents;
  return (
    <section aria-labelledby="incidents-heading">
      <div className="heading-row">
        <h1 id="incidents-heading">Incidents</h1>
        <Link href="/declare" className="button primary">
          Declare an incident
        </Link>
      </div>
      <MyWork />
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(search.trim());
          pages.reset();
        }}
      >
        <fieldset>
          <legend className="visually-hidden">Which incidents</legend>
          <label>
            <input type="radio" name="which" checked={which === 'open'} onChange={() => (setWhich('open'), pages.reset())} /> Open
          </label>
          <label>
            <input type="radio" name="which" checked={which === 'all'} onChange={() => (setWhich('all'), pages.reset())} /> All
          </label>
        </fieldset>
        <label>
          Severity{' '}
          <select value={level ?? ''} onChange={(e) => (setLevel(e.target.value ? Number(e.target.value) : null), pages.reset())}>
            <option value="">any</option>
            {severities?.severities.map((sev) => (
              <option key={sev.id} value={sev.level}>
                {sev.name}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor="search">Search</label>
        <input id="search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="words, &quot;phrases&quot;, -not" />
        <button type="submit">Search</button>
      </form>
      <Problem error={result.error} />
      {data && (
        <>
          <p className="muted" aria-live="polite">
            {data.totalCount} {which === 'open' ? 'open ' : ''}
            {data.totalCount === 1 ? 'incident' : 'incidents'}
            {query ? ` matching “${query}”` : ''}
          </p>
          {data.nodes.length === 0 ? (
            <p>No incidents here. Quiet is good.</p>
          ) : (
            <table className="incidents">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Title</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Status</th>
                  <th scope="col">Commander</th>
                  <th scope="col">Declared</th>
                </tr>
              </thead>
              <tbody>
                {data.nodes.map((inc) => (
                  <tr key={inc.id}>
                    <td>{inc.number}</td>
                    <td>
                      <Link href={`/incidents/${inc.number}`}>{inc.title}</Link>
                      {inc.visibility === 'PRIVATE' && <span className="tag">private</span>}
                    </td>
                    <td>
                      <span className="severity" style={{ borderColor: inc.severity.color }}>
                        {inc.severity.name}
                      </span>
                    </td>
                    <td>{statusName(inc.status)}</td>
                    <td>{inc.commander?.name ?? <span className="muted">none</span>}</td>
                    <td>
                      <time dateTime={inc.declaredAt}>{when(inc.declaredAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager label="Pages of incidents" pages={pages} pageInfo={data.pageInfo} back="Newer" forward="Older" />
        </>
      )}
    </section>
  );
}

export function statusName(s: string): string {
  return s.charAt(0) + s.slice(1).toLowerCase();
}

export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
