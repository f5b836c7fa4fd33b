import { useEffect, useId, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import { NotFound } from '../App';
import { Problem } from '../components';
import { problemOf } from '../errors';
import { graphql } from '../gql';
import type { IncidentStatus } from '../gql/graphql';
import { useCanRespond, useLive } from '../live';
import { bodyOf, followTimeline, mergeEvents, type TimelineItem } from '../timeline';
import { FollowUpList } from './FollowUps';
import { Alerts, Details, Note, Publish, Roles, Snooze } from './IncidentActions';
import { statusName, when } from './Incidents';
import { severitiesQuery } from './Severities';

// The page shows the most recent events; older ones are a page away.
const timelinePage = 50;

const incidentQuery = graphql(`
  query IncidentRoom($number: Int!, $last: Int!) {
    incident(number: $number) {
      id
      number
      title
      summary
      status
      visibility
      version
      responseChannel
      chatChannel {
        name
        url
      }
      severity {
        id
        level
        name
        description
        color
      }
      products {
        id
        name
      }
      commander {
        id
        name
      }
      latestUpdate {
        id
        body
        createdAt
        author {
          name
        }
      }
      nextUpdateDueAt
      published
      publicTitle
      roles {
        role
        assignedAt
        user {
          id
          name
        }
      }
      alerts(first: 20) {
        nodes {
          fingerprint
          status
          labels
          startsAt
        }
      }
      retrospective {
        id
        status
      }
      actionItems {
        id
        title
        status
        priority
        dueAt
        overdue
        version
        owner {
          id
          name
        }
      }
      timeline(last: $last) {
        pageInfo {
          hasPreviousPage
        }
        edges {
          cursor
          node {
            id
            cursor
            sequence
            kind
            message
            occurredAt
            data
            actor {
              name
            }
          }
        }
      }
    }
  }
`);

const postUpdate = graphql(`
  mutation PostIncidentUpdate($input: PostIncidentUpdateInput!) {
    postIncidentUpdate(input: $input) {
      incident {
        id
        status
        version
        severity {
          id
          level
          name
          description
          color
        }
        latestUpdate {
          id
          body
          createdAt
          author {
            name
          }
        }
        nextUpdateDueAt
      }
    }
  }
`);

function retroStatus(s: string): string {
  return s === 'IN_REVIEW' ? 'in review' : s === 'DRAFT' ? 'draft' : 'published';
}

const statuses: IncidentStatus[] = ['INVESTIGATING', 'IDENTIFIED', 'MONITORING', 'RESOLVED'];

export function IncidentPage({ number }: { number: number }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: incidentQuery, variables: { number, last: timelinePage }, requestPolicy: 'cache-and-network' });
  const inc = data?.incident;
  const canRespond = useCanRespond();
  useEffect(() => {
    document.title = inc ? `#${inc.number} ${inc.title} · Firebreak` : 'Incident · Firebreak';
  }, [inc]);
  // Missing and private-to-others look the same: NOT_FOUND, or null.
  if (error && problemOf(error)?.code === 'NOT_FOUND') return <NotFound what="incident" />;
  if (error) return <Problem error={error} />;
  if (!data && fetching) return <p>Loading…</p>;
  if (!inc) return <NotFound what="incident" />;
  return (
    <article aria-labelledby="incident-title" className="incident">
      <h1 id="incident-title">
        <span className="muted">#{inc.number}</span> {inc.title}
        {inc.visibility === 'PRIVATE' && <span className="tag">private</span>}
      </h1>
      <dl className="headline">
        <dt>Latest update</dt>
        <dd>
          {inc.latestUpdate ? (
            <>
              {inc.latestUpdate.body}{' '}
              <span className="muted">
                — {inc.latestUpdate.author.name}, <time dateTime={inc.latestUpdate.createdAt}>{when(inc.latestUpdate.createdAt)}</time>
              </span>
            </>
          ) : (
            <span className="muted">none yet</span>
          )}
        </dd>
        <dt>Status</dt>
        <dd data-testid="status">{statusName(inc.status)}</dd>
        <dt>Severity</dt>
        <dd>
          <span className="severity" style={{ borderColor: inc.severity.color }}>
            {inc.severity.name}
          </span>{' '}
          {inc.severity.description} (<Link href={`/severities#${inc.severity.name.toLowerCase()}`}>what’s this?</Link>)
        </dd>
        <dt>Affected products</dt>
        <dd>{inc.products.length ? inc.products.map((p) => p.name).join(', ') : 'None listed'}</dd>
        <dt>Response channel</dt>
        <dd>{inc.chatChannel ? <a href={inc.chatChannel.url}>#{inc.chatChannel.name}</a> : inc.responseChannel}</dd>
        <dt>Commander</dt>
        <dd>{inc.commander?.name ?? 'none'}</dd>
        {inc.nextUpdateDueAt && (
          <>
            <dt>Next update due</dt>
            <dd>
              <time dateTime={inc.nextUpdateDueAt}>{when(inc.nextUpdateDueAt)}</time>
            </dd>
          </>
        )}
        <dt>Retrospective</dt>
        <dd>
          <Link href={`/incidents/${inc.number}/retrospective`}>{inc.retrospective ? retroStatus(inc.retrospective.status) : 'start one'}</Link>
        </dd>
        <dt>Fact sheet</dt>
        <dd>
          <a href={`/incidents/${inc.number}/factsheet.md`} download>
            previous updates, etc. (Markdown)
          </a>
        </dd>
      </dl>
      {canRespond && (
        <>
          <div className="row">
            <Details incidentId={inc.id} title={inc.title} summary={inc.summary} version={inc.version} />
          </div>
          <Snooze incidentId={inc.id} due={inc.nextUpdateDueAt} />
        </>
      )}
      <div className="room-tools">
        <Roles incidentId={inc.id} assignments={inc.roles} canChange={canRespond} />
        {canRespond && <Publish incidentId={inc.id} published={inc.published} publicTitle={inc.publicTitle} />}
        <Alerts alerts={inc.alerts.nodes} />
      </div>
      <section aria-labelledby="follow-ups-heading">
        <h2 id="follow-ups-heading">Follow-ups</h2>
        <FollowUpList items={inc.actionItems} />
      </section>
      {canRespond && <UpdateForm incidentId={inc.id} status={inc.status} severityLevel={inc.severity.level} />}
      {canRespond && <Note incidentId={inc.id} />}
      <Timeline
        incidentId={inc.id}
        initial={inc.timeline.edges.map((e) => e.node)}
        after={inc.timeline.edges.at(-1)?.node.cursor ?? null}
        more={inc.timeline.pageInfo.hasPreviousPage}
        onChange={() => refetch({ requestPolicy: 'network-only' })}
      />
    </article>
  );
}

function UpdateForm({ incidentId, status, severityLevel }: { incidentId: string; status: IncidentStatus; severityLevel: number }) {
  const id = useId();
  const [{ data: sev }] = useQuery({ query: severitiesQuery });
  const [result, post] = useMutation(postUpdate);
  const [body, setBody] = useState('');
  const [nextStatus, setNextStatus] = useState<IncidentStatus | ''>('');
  const [level, setLevel] = useState<number | ''>('');
  const [key, setKey] = useState(() => crypto.randomUUID());
  const send = async (overrideStatus?: IncidentStatus) => {
    const s = overrideStatus ?? (nextStatus || undefined);
    const res = await post({
      input: {
        incidentId,
        body,
        ...(s && s !== status ? { status: s } : {}),
        ...(level !== '' && level !== severityLevel ? { severityLevel: level } : {}),
        idempotencyKey: key,
      },
    });
    if (res.data?.postIncidentUpdate) {
      setBody('');
      setNextStatus('');
      setLevel('');
      setKey(crypto.randomUUID());
    }
  };
  const closed = status === 'RESOLVED' || status === 'CLOSED' || status === 'CANCELED';
  return (
    <form
      className="stack update-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h2 id={`${id}-h`}>Post an update</h2>
      <label htmlFor={`${id}-body`}>What changed, what happens next</label>
      <textarea id={`${id}-body`} required rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      <div className="row">
        <label>
          Status{' '}
          <select value={nextStatus} onChange={(e) => setNextStatus(e.target.value as IncidentStatus | '')}>
            <option value="">{statusName(status)} (unchanged)</option>
            {statuses
              .filter((s) => s !== status)
              .map((s) => (
                <option key={s} value={s}>
                  {statusName(s)}
                </option>
              ))}
          </select>
        </label>
        <label>
          Severity{' '}
          <select value={level} onChange={(e) => setLevel(e.target.value === '' ? '' : Number(e.target.value))}>
            <option value="">unchanged</option>
            {sev?.severities
              .filter((s) => s.level !== severityLevel)
              .map((s) => (
                <option key={s.id} value={s.level}>
                  {s.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      <Problem error={result.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={result.fetching}>
          Post update
        </button>
        {!closed && (
          <button type="button" disabled={result.fetching || !body.trim()} onClick={() => void send('RESOLVED')}>
            Post and resolve
          </button>
        )}
      </div>
    </form>
  );
}

interface TimelineProps {
  incidentId: string;
  initial: TimelineItem[];
  after: string | null;
  more: boolean;
  /** Called when events arrive: the headline above reloads. */
  onChange: () => void;
}

function Timeline({ incidentId, initial, after, more, onChange }: TimelineProps) {
  const { socket, connection } = useLive();
  const [events, setEvents] = useState<TimelineItem[]>(initial);
  useEffect(() => setEvents((held) => mergeEvents(held, initial)), [initial]);
  // Follows from the last event loaded; the subscription lives as long as
  // the page (not re-created when the query refreshes).
  const changed = useRef(onChange);
  changed.current = onChange;
  useEffect(() => {
    // One reload of the headline for a burst of events (a replay after a
    // reconnection), not one each.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = followTimeline(socket, incidentId, after, (e) => {
      setEvents((held) => mergeEvents(held, e));
      clearTimeout(timer);
      timer = setTimeout(() => changed.current(), 250);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [socket, incidentId]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section aria-labelledby="timeline-heading" className="timeline">
      <div className="heading-row">
        <h2 id="timeline-heading">Timeline</h2>
        <span className={`connection ${connection}`} role="status" data-testid="connection">
          {connection === 'live' ? 'Live' : connection === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}
        </span>
      </div>
      {more && <p className="muted">Showing the latest {timelinePage} events; the fact sheet has them all.</p>}
      <ol className="events" data-testid="timeline">
        {events.map((e) => (
          <li key={e.sequence} data-sequence={e.sequence}>
            <time dateTime={e.occurredAt}>{when(e.occurredAt)}</time> <span className="kind">{e.kind.replaceAll('_', ' ').toLowerCase()}</span>{' '}
            <span className="message">{e.message}</span>
            {e.actor && <span className="muted"> — {e.actor.name}</span>}
            {bodyOf(e) && <blockquote>{bodyOf(e)}</blockquote>}
          </li>
        ))}
      </ol>
    </section>
  );
}
