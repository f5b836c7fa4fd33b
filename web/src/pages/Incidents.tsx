import { useEffect, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { Link } from 'wouter';
import { Problem } from '../components';
import { graphql } from '../gql';
import type { IncidentStatus } from '../gql/graphql';

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

export function IncidentsPage() {
  const [which, setWhich] = useState<'open' | 'all'>('open');
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  useEffect(() => {
    document.title = 'Incidents · Firebreak';
  }, []);
  const filter = { ...(which === 'open' ? { statuses: open } : {}), ...(query ? { query } : {}) };
  const after = cursors[cursors.length - 1];
  const [result, refetch] = useQuery({ query: incidentsQuery, variables: { filter, first: pageSize, after } });
  // Live: any change to an incident the list could show reloads the page
  // of the list in view.
  useSubscription({ query: incidentChanges, variables: {} }, (_prev, change) => {
    refetch({ requestPolicy: 'network-only' });
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
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(search.trim());
          setCursors([null]);
        }}
      >
        <fieldset>
          <legend className="visually-hidden">Which incidents</legend>
          <label>
            <input type="radio" name="which" checked={which === 'open'} onChange={() => (setWhich('open'), setCursors([null]))} /> Open
          </label>
          <label>
            <input type="radio" name="which" checked={which === 'all'} onChange={() => (setWhich('all'), setCursors([null]))} /> All
          </label>
        </fieldset>
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
          <nav className="pager" aria-label="Pages of incidents">
            <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              Newer
            </button>
            <button type="button" disabled={!data.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, data.pageInfo.endCursor ?? null])}>
              Older
            </button>
          </nav>
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
