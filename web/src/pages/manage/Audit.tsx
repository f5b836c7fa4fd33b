import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { Pager, Problem, useCursors } from '../../components';
import { graphql } from '../../gql';
import { when } from '../Incidents';

const pageSize = 50;

const auditQuery = graphql(`
  query ManageAudit($filter: AuditLogFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        occurredAt
        kind
        subjectType
        subjectId
        before
        after
        actor {
          id
          name
        }
      }
    }
  }
`);

export function AuditSection() {
  const id = useId();
  const [kind, setKind] = useState('');
  const [from, setFrom] = useState('');
  const [applied, setApplied] = useState<{ kind?: string; from?: string }>({});
  const pages = useCursors();
  const [{ data, error }] = useQuery({ query: auditQuery, variables: { filter: applied, first: pageSize, after: pages.after } });
  const exportURL = `/admin/audit.jsonl${applied.from ? `?from=${encodeURIComponent(applied.from)}` : ''}`;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Audit log</h2>
      <form
        className="filters"
        aria-label="Filter the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ ...(kind ? { kind } : {}), ...(from ? { from: new Date(from).toISOString() } : {}) });
          pages.reset();
        }}
      >
        <label>
          Kind <input value={kind} onChange={(e) => setKind(e.target.value)} placeholder="e.g. user.updated" />
        </label>
        <label>
          Since <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <button type="submit">Filter</button>
        <a href={exportURL} download>
          Export as JSON lines
        </a>
      </form>
      <Problem error={error} />
      {data && (
        <>
          <p className="muted">{data.auditLog.totalCount} entries</p>
          <table className="numbers audit">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {data.auditLog.nodes.map((e) => (
                <tr key={e.id}>
                  <td>{when(e.occurredAt)}</td>
                  <td>{e.actor?.name ?? 'Firebreak'}</td>
                  <td>
                    <code>{e.kind}</code>
                  </td>
                  <td>
                    <details>
                      <summary>
                        {e.subjectType} {e.subjectId}
                      </summary>
                      <pre>{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager label="Pages of the audit log" pages={pages} pageInfo={data.auditLog.pageInfo} back="Newer" forward="Older" />
        </>
      )}
    </section>
  );
}
