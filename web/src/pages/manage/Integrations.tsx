import { useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Problem, ShownOnce } from '../../components';
import { severitiesQuery } from '../Severities';
import { graphql } from '../../gql';
import type { AlertSourceKind, EndpointKind } from '../../gql/graphql';
import { when } from '../Incidents';

const endpointsQuery = graphql(`
  query ManageEndpoints {
    notificationEndpoints {
      id
      name
      kind
      url
      enabled
      includePrivate
      minSeverityLevel
      deliveries(first: 5) {
        totalCount
        nodes {
          id
          status
          attemptCount
          createdAt
          attempts {
            number
            statusCode
            error
            durationMs
          }
        }
      }
    }
  }
`);

const createEndpoint = graphql(`
  mutation ManageCreateEndpoint($input: CreateNotificationEndpointInput!) {
    createNotificationEndpoint(input: $input) {
      secret
      endpoint {
        id
      }
    }
  }
`);

const updateEndpoint = graphql(`
  mutation ManageUpdateEndpoint($input: UpdateNotificationEndpointInput!) {
    updateNotificationEndpoint(input: $input) {
      endpoint {
        id
        enabled
      }
    }
  }
`);

const testEndpoint = graphql(`
  mutation ManageTestEndpoint($input: TestEndpointInput!) {
    testEndpoint(input: $input) {
      delivery {
        id
        status
      }
    }
  }
`);

const kinds: EndpointKind[] = ['WEBHOOK', 'SLACK', 'STATUS_WEBHOOK'];

export function EndpointsSection() {
  const id = useId();
  const [{ data, error }, refetch] = useQuery({ query: endpointsQuery, requestPolicy: 'cache-and-network' });
  const [created, create] = useMutation(createEndpoint);
  const [updated, update] = useMutation(updateEndpoint);
  const [tested, test] = useMutation(testEndpoint);
  const [form, setForm] = useState({ name: '', url: '', kind: 'WEBHOOK' as EndpointKind, includePrivate: false });
  const [secret, setSecret] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Notification endpoints</h2>
      <Problem error={error ?? updated.error ?? tested.error} />
      {data?.notificationEndpoints.length === 0 && <p className="muted">No endpoints yet.</p>}
      {data?.notificationEndpoints.map((ep) => (
        <article key={ep.id} className="endpoint" aria-label={ep.name}>
          <h3>
            {ep.name} <span className="tag">{ep.kind.toLowerCase().replace('_', ' ')}</span>
            {!ep.enabled && <span className="tag">disabled</span>}
          </h3>
          <p className="muted">
            {ep.url}
            {ep.includePrivate ? ' · includes private incidents' : ''}
            {ep.minSeverityLevel ? ` · SEV-${ep.minSeverityLevel} and worse` : ''}
          </p>
          <div className="row">
            <button type="button" onClick={() => void test({ input: { endpointId: ep.id } }).then(reload)}>
              Send a test to {ep.name}
            </button>
            <button type="button" onClick={() => void update({ input: { endpointId: ep.id, enabled: !ep.enabled } })}>
              {ep.enabled ? 'Disable' : 'Enable'} {ep.name}
            </button>
          </div>
          <h4>Latest deliveries ({ep.deliveries.totalCount})</h4>
          {ep.deliveries.nodes.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <ul className="deliveries">
              {ep.deliveries.nodes.map((d) => (
                <li key={d.id}>
                  <span className={`tag ${d.status === 'FAILED' ? 'overdue' : ''}`}>{d.status.toLowerCase()}</span> {when(d.createdAt)} · {d.attemptCount} attempt
                  {d.attemptCount === 1 ? '' : 's'}
                  {d.attempts.length > 0 && (
                    <details>
                      <summary>Attempts</summary>
                      <ol>
                        {d.attempts.map((a) => (
                          <li key={a.number}>
                            {a.statusCode ? `HTTP ${a.statusCode}` : 'no answer'} in {Math.round(a.durationMs)} ms{a.error ? ` — ${a.error}` : ''}
                          </li>
                        ))}
                      </ol>
                    </details>
                  )}
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
      <form
        className="row"
        aria-label="Add an endpoint"
        onSubmit={async (e) => {
          e.preventDefault();
          const res = await create({ input: form });
          if (res.data?.createNotificationEndpoint) {
            setSecret(res.data.createNotificationEndpoint.secret ?? null);
            setForm({ name: '', url: '', kind: 'WEBHOOK', includePrivate: false });
            reload();
          }
        }}
      >
        <label>
          Name <input required name="endpoint-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          URL <input required type="url" name="endpoint-url" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} />
        </label>
        <label>
          Kind{' '}
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as EndpointKind })}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k.toLowerCase().replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={form.includePrivate} onChange={(e) => setForm({ ...form, includePrivate: e.target.checked })} /> include private incidents
        </label>
        <button type="submit">Add endpoint</button>
        <Problem error={created.error} />
      </form>
      {secret && <ShownOnce what="The endpoint's signing secret" secret={secret} testId="endpoint-secret" onDone={() => setSecret(null)} />}
    </section>
  );
}

const alertingQuery = graphql(`
  query ManageAlerting {
    alertSources {
      id
      name
      kind
      ingestUrl
      tokenPrefix
      createdAt
      revokedAt
    }
    alertRoutes {
      id
      matchers
      position
      severityLevel
      autoDeclare
      autoResolve
      titleTemplate
    }
  }
`);

const createSource = graphql(`
  mutation ManageCreateSource($input: CreateAlertSourceInput!) {
    createAlertSource(input: $input) {
      token
      source {
        id
      }
    }
  }
`);

const revokeSource = graphql(`
  mutation ManageRevokeSource($input: RevokeAlertSourceInput!) {
    revokeAlertSource(input: $input) {
      source {
        id
        revokedAt
      }
    }
  }
`);

const createRoute = graphql(`
  mutation ManageCreateRoute($input: CreateAlertRouteInput!) {
    createAlertRoute(input: $input) {
      route {
        id
      }
    }
  }
`);

const sourceKinds: AlertSourceKind[] = ['ALERTMANAGER', 'GRAFANA', 'GENERIC'];

export function AlertingSection() {
  const id = useId();
  const [{ data, error }, refetch] = useQuery({ query: alertingQuery });
  const [{ data: severities }] = useQuery({ query: severitiesQuery });
  const [createdSource, addSource] = useMutation(createSource);
  const [revoked, revoke] = useMutation(revokeSource);
  const [createdRoute, addRoute] = useMutation(createRoute);
  const [source, setSource] = useState({ name: '', kind: 'ALERTMANAGER' as AlertSourceKind });
  const [route, setRoute] = useState({ matchers: '', severityLevel: 2, autoDeclare: true });
  const [token, setToken] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Alert sources and routes</h2>
      <Problem error={error ?? revoked.error} />
      <h3>Sources</h3>
      {data && (
        <table className="numbers">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Kind</th>
              <th scope="col">Ingest URL</th>
              <th scope="col">Token</th>
              <th scope="col">
                <span className="visually-hidden">Revoke</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.alertSources.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>{s.kind.toLowerCase()}</td>
                <td>
                  <code>{s.ingestUrl}</code>
                </td>
                <td>
                  <code>{s.tokenPrefix}…</code>
                </td>
                <td>
                  {s.revokedAt ? (
                    <span className="muted">revoked {when(s.revokedAt)}</span>
                  ) : (
                    <button type="button" onClick={() => void revoke({ input: { alertSourceId: s.id } })}>
                      Revoke {s.name}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="row"
        aria-label="Add an alert source"
        onSubmit={async (e) => {
          e.preventDefault();
          const res = await addSource({ input: source });
          if (res.data?.createAlertSource) {
            setToken(res.data.createAlertSource.token);
            setSource({ name: '', kind: 'ALERTMANAGER' });
            reload();
          }
        }}
      >
        <label>
          Name <input required name="source-name" value={source.name} onChange={(e) => setSource({ ...source, name: e.target.value })} />
        </label>
        <label>
          Kind{' '}
          <select value={source.kind} onChange={(e) => setSource({ ...source, kind: e.target.value as AlertSourceKind })}>
            {sourceKinds.map((k) => (
              <option key={k} value={k}>
                {k.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Add source</button>
        <Problem error={createdSource.error} />
      </form>
      {token && <ShownOnce what="The source's token (senders put it in Authorization: Bearer …)" secret={token} testId="source-token" onDone={() => setToken(null)} />}
      <h3>Routes, in the order they are tried</h3>
      {data && data.alertRoutes.length === 0 && <p className="muted">No routes: alerts are recorded and open nothing.</p>}
      {data && data.alertRoutes.length > 0 && (
        <ol className="routes">
          {data.alertRoutes.map((r) => (
            <li key={r.id}>
              <code>{r.matchers}</code> → SEV-{r.severityLevel}
              {r.autoDeclare ? ', declares' : ''}
              {r.autoResolve ? ', resolves' : ''}
              {r.titleTemplate && (
                <>
                  , title <code>{r.titleTemplate}</code>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      <form
        className="row"
        aria-label="Add an alert route"
        onSubmit={async (e) => {
          e.preventDefault();
          const res = await addRoute({ input: route });
          if (res.data?.createAlertRoute) {
            setRoute({ matchers: '', severityLevel: 2, autoDeclare: true });
            reload();
          }
        }}
      >
        <label>
          Matchers <input required name="route-matchers" value={route.matchers} onChange={(e) => setRoute({ ...route, matchers: e.target.value })} placeholder='severity="critical"' />
        </label>
        <label>
          Severity{' '}
          <select value={route.severityLevel} onChange={(e) => setRoute({ ...route, severityLevel: Number(e.target.value) })}>
            {severities?.severities.map((sev) => (
              <option key={sev.id} value={sev.level}>
                {sev.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={route.autoDeclare} onChange={(e) => setRoute({ ...route, autoDeclare: e.target.checked })} /> declare an incident
        </label>
        <button type="submit">Add route</button>
        <Problem error={createdRoute.error} />
      </form>
    </section>
  );
}
