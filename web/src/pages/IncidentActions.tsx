import { useId, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { Problem } from '../components';
import { problemOf } from '../errors';
import { graphql } from '../gql';
import { PersonPicker } from '../people';
import type { IncidentRole } from '../gql/graphql';
import { when } from './Incidents';

const roleNames: Record<IncidentRole, string> = {
  COMMANDER: 'Commander',
  COMMUNICATIONS: 'Communications',
  OPERATIONS: 'Operations',
  SCRIBE: 'Scribe',
};
const roles = Object.keys(roleNames) as IncidentRole[];

const assignRole = graphql(`
  mutation AssignRole($input: AssignIncidentRoleInput!) {
    assignIncidentRole(input: $input) {
      incident {
        id
        version
        roles {
          role
          assignedAt
          user {
            id
            name
          }
        }
        commander {
          id
          name
        }
      }
    }
  }
`);

const unassignRole = graphql(`
  mutation UnassignRole($input: UnassignIncidentRoleInput!) {
    unassignIncidentRole(input: $input) {
      incident {
        id
        version
        roles {
          role
          assignedAt
          user {
            id
            name
          }
        }
        commander {
          id
          name
        }
      }
    }
  }
`);

const addNote = graphql(`
  mutation AddNote($input: AddTimelineNoteInput!) {
    addTimelineNote(input: $input) {
      event {
        id
      }
    }
  }
`);

const snooze = graphql(`
  mutation Snooze($input: SnoozeUpdateReminderInput!) {
    snoozeUpdateReminder(input: $input) {
      incident {
        id
        nextUpdateDueAt
      }
    }
  }
`);

const publishIncident = graphql(`
  mutation PublishIncident($input: PublishIncidentInput!) {
    publishIncident(input: $input) {
      incident {
        id
        published
        publicTitle
      }
    }
  }
`);

const updateIncident = graphql(`
  mutation UpdateIncidentDetails($input: UpdateIncidentInput!) {
    updateIncident(input: $input) {
      incident {
        id
        title
        summary
        version
      }
    }
  }
`);

const currentDetails = graphql(`
  query CurrentDetails($id: ID!) {
    node(id: $id) {
      ... on Incident {
        id
        title
        summary
        version
      }
    }
  }
`);

interface Assignment {
  role: IncidentRole;
  assignedAt: string;
  user: { id: string; name: string };
}

export function Roles({ incidentId, assignments, canChange }: { incidentId: string; assignments: Assignment[]; canChange: boolean }) {
  const id = useId();
  const [role, setRole] = useState<IncidentRole>('COMMANDER');
  const [person, setPerson] = useState('');
  const [assigned, assign] = useMutation(assignRole);
  const [unassigned, unassign] = useMutation(unassignRole);
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Roles</h2>
      {assignments.length === 0 ? (
        <p className="muted">Nobody holds a role.</p>
      ) : (
        <ul className="roles">
          {assignments.map((a) => (
            <li key={a.role}>
              <strong>{roleNames[a.role]}</strong>: {a.user.name} <span className="muted">since {when(a.assignedAt)}</span>{' '}
              {canChange && a.role !== 'COMMANDER' && (
                <button type="button" onClick={() => void unassign({ input: { incidentId, role: a.role } })}>
                  Remove {roleNames[a.role].toLowerCase()}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canChange && (
      <form
        className="row"
        aria-label="Hand over a role"
        onSubmit={(e) => {
          e.preventDefault();
          if (person) void assign({ input: { incidentId, role, userId: person } });
        }}
      >
        <label>
          Role{' '}
          <select value={role} onChange={(e) => setRole(e.target.value as IncidentRole)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleNames[r]}
              </option>
            ))}
          </select>
        </label>
        <PersonPicker label="Person" value={person} onChange={setPerson} required />
        <button type="submit">Hand over</button>
      </form>
      )}
      <Problem error={assigned.error ?? unassigned.error} />
    </section>
  );
}

export function Note({ incidentId }: { incidentId: string }) {
  const id = useId();
  const [message, setMessage] = useState('');
  const [at, setAt] = useState('');
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [result, add] = useMutation(addNote);
  return (
    <form
      className="stack"
      aria-labelledby={`${id}-h`}
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await add({ input: { incidentId, message, idempotencyKey: key, ...(at ? { occurredAt: new Date(at).toISOString() } : {}) } });
        if (res.data?.addTimelineNote) {
          setMessage('');
          setAt('');
          setKey(crypto.randomUUID());
        }
      }}
    >
      <h2 id={`${id}-h`}>Add a note to the timeline</h2>
      <label htmlFor={`${id}-m`}>Note</label>
      <textarea id={`${id}-m`} name="note" rows={2} required value={message} onChange={(e) => setMessage(e.target.value)} />
      <label htmlFor={`${id}-at`}>When it happened (leave empty for now)</label>
      <input id={`${id}-at`} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
      <Problem error={result.error} />
      <div>
        <button type="submit">Add note</button>
      </div>
    </form>
  );
}

export function Snooze({ incidentId, due }: { incidentId: string; due?: string | null }) {
  const [result, run] = useMutation(snooze);
  if (!due) return null;
  return (
    <div className="row" role="group" aria-label="Snooze the update reminder">
      <span>Next update due {when(due)}.</span>
      {[15, 30, 60].map((m) => (
        <button key={m} type="button" onClick={() => void run({ input: { incidentId, minutes: m } })}>
          Snooze {m} min
        </button>
      ))}
      <Problem error={result.error} />
    </div>
  );
}

export function Publish({ incidentId, published, publicTitle }: { incidentId: string; published: boolean; publicTitle?: string | null }) {
  const id = useId();
  const [title, setTitle] = useState(publicTitle ?? '');
  const [result, run] = useMutation(publishIncident);
  if (published) {
    return (
      <p>
        On the <a href="/status">status page</a> as “{publicTitle}”.
      </p>
    );
  }
  return (
    <form
      className="row"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void run({ input: { incidentId, publicTitle: title || undefined } });
      }}
    >
      <h2 id={`${id}-h`} className="inline-heading">
        Status page
      </h2>
      <label>
        Public title <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="what customers read" />
      </label>
      <button type="submit">Publish</button>
      <Problem error={result.error} />
    </form>
  );
}

/**
 * Title and summary, edited with the version they were read at. When
 * someone changed them meanwhile, the page shows what they are now and
 * lets the person apply theirs again — never overwriting silently.
 */
export function Details({ incidentId, title, summary, version }: { incidentId: string; title: string; summary: string; version: number }) {
  const id = useId();
  const client = useClient();
  const [editing, setEditing] = useState(false);
  const [mine, setMine] = useState({ title, summary });
  const [base, setBase] = useState(version);
  const [theirs, setTheirs] = useState<{ title: string; summary: string; version: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (expected: number) => {
    setProblem(null);
    const res = await client.mutation(updateIncident, { input: { incidentId, expectedVersion: expected, ...mine } }).toPromise();
    if (res.data?.updateIncident) {
      setEditing(false);
      setTheirs(null);
      return;
    }
    if (problemOf(res.error)?.code === 'CONFLICT') {
      const now = await client.query(currentDetails, { id: incidentId }, { requestPolicy: 'network-only' }).toPromise();
      const n = now.data?.node;
      if (n && 'title' in n) setTheirs({ title: n.title, summary: n.summary, version: n.version });
      return;
    }
    setProblem(problemOf(res.error)?.message ?? 'Could not save.');
  };
  if (!editing) {
    return (
      <button
        type="button"
        className="edit-details"
        onClick={() => {
          setMine({ title, summary });
          setBase(version);
          setEditing(true);
        }}
      >
        Edit title and summary
      </button>
    );
  }
  return (
    <form
      className="stack"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void save(base);
      }}
    >
      <h2 id={`${id}-h`}>Title and summary</h2>
      <label htmlFor={`${id}-t`}>Title</label>
      <input id={`${id}-t`} name="title" value={mine.title} onChange={(e) => setMine({ ...mine, title: e.target.value })} />
      <label htmlFor={`${id}-s`}>Summary</label>
      <textarea id={`${id}-s`} name="summary" rows={3} value={mine.summary} onChange={(e) => setMine({ ...mine, summary: e.target.value })} />
      {theirs && (
        <div className="conflict" role="alert">
          <p>Someone changed this incident while you were editing. It now reads:</p>
          <p>
            <strong>{theirs.title}</strong>
          </p>
          <blockquote>{theirs.summary || '(no summary)'}</blockquote>
          <div className="row">
            <button type="button" className="primary" onClick={() => void save(theirs.version)}>
              Apply mine over it
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Keep theirs
            </button>
          </div>
        </div>
      )}
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      {!theirs && (
        <div className="row">
          <button type="submit" className="primary">
            Save
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      )}
    </form>
  );
}

interface AlertLike {
  fingerprint: string;
  status: string;
  labels: unknown;
  startsAt?: string | null;
}

export function Alerts({ alerts }: { alerts: AlertLike[] }) {
  if (alerts.length === 0) return null;
  return (
    <section aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Alerts</h2>
      <ul className="alerts">
        {alerts.map((a) => {
          const labels = (a.labels ?? {}) as Record<string, string>;
          return (
            <li key={a.fingerprint}>
              <span className={`tag ${a.status === 'firing' ? 'overdue' : ''}`}>{a.status}</span> <strong>{labels.alertname ?? a.fingerprint}</strong>{' '}
              <span className="muted">
                {Object.entries(labels)
                  .filter(([k]) => k !== 'alertname')
                  .map(([k, v]) => `${k}=${v}`)
                  .join(' ')}
                {a.startsAt && ` · since ${when(a.startsAt)}`}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
