import { useEffect, useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import { Pager, Problem, useCursors } from '../components';
import { graphql } from '../gql';
import type { ActionItemStatus } from '../gql/graphql';
import { when } from './Incidents';

const pageSize = 25;

const followUpsQuery = graphql(`
  query FollowUps($filter: ActionItemFilter, $first: Int, $after: String) {
    actionItems(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
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
        incident {
          id
          number
          title
        }
      }
    }
  }
`);

const meQuery = graphql(`
  query FollowUpsMe {
    me {
      id
    }
  }
`);

export const updateActionItem = graphql(`
  mutation UpdateActionItem($input: UpdateActionItemInput!) {
    updateActionItem(input: $input) {
      actionItem {
        id
        status
        version
        overdue
      }
    }
  }
`);

const statuses: ActionItemStatus[] = ['OPEN', 'IN_PROGRESS', 'DONE', 'WONT_DO'];
const statusLabel: Record<ActionItemStatus, string> = { OPEN: 'Open', IN_PROGRESS: 'In progress', DONE: 'Done', WONT_DO: 'Won’t do' };

export function FollowUpsPage() {
  const id = useId();
  const [which, setWhich] = useState<'mine' | 'overdue' | 'open'>('mine');
  const pages = useCursors();
  const [{ data: me }] = useQuery({ query: meQuery });
  useEffect(() => {
    document.title = 'Follow-ups · Firebreak';
  }, []);
  const open: ActionItemStatus[] = ['OPEN', 'IN_PROGRESS'];
  const filter = which === 'mine' ? { ownerId: me?.me.id, statuses: open } : which === 'overdue' ? { overdue: true } : { statuses: open };
  const [result] = useQuery({
    query: followUpsQuery,
    variables: { filter, first: pageSize, after: pages.after },
    pause: which === 'mine' && !me,
  });
  const data = result.data?.actionItems;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Follow-ups</h1>
      <fieldset className="filters">
        <legend className="visually-hidden">Which follow-ups</legend>
        {(
          [
            ['mine', 'Mine, open'],
            ['overdue', 'Overdue'],
            ['open', 'All open'],
          ] as const
        ).map(([v, label]) => (
          <label key={v}>
            <input type="radio" name="which-follow-ups" checked={which === v} onChange={() => (setWhich(v), pages.reset())} /> {label}
          </label>
        ))}
      </fieldset>
      <Problem error={result.error} />
      {data && (
        <>
          <p className="muted">{data.totalCount} follow-ups</p>
          <FollowUpList items={data.nodes} />
          <Pager label="Pages of follow-ups" pages={pages} pageInfo={data.pageInfo} />
        </>
      )}
    </section>
  );
}

interface Item {
  id: string;
  title: string;
  status: ActionItemStatus;
  priority: string;
  dueAt?: string | null;
  overdue: boolean;
  version: number;
  owner?: { name: string } | null;
  incident?: { number: number; title: string };
}

export function FollowUpList({ items }: { items: Item[] }) {
  const [result, update] = useMutation(updateActionItem);
  if (items.length === 0) return <p>Nothing to follow up.</p>;
  return (
    <>
      <Problem error={result.error} />
      <ul className="follow-ups">
        {items.map((a) => (
          <li key={a.id}>
            <strong>{a.title}</strong> <span className="tag">{a.priority}</span>
            {a.overdue && <span className="tag overdue">overdue</span>}
            <div className="muted">
              {a.incident && (
                <>
                  <Link href={`/incidents/${a.incident.number}`}>
                    #{a.incident.number} {a.incident.title}
                  </Link>{' '}
                  ·{' '}
                </>
              )}
              {a.owner ? a.owner.name : 'no owner'}
              {a.dueAt && <> · due {when(a.dueAt)}</>}
            </div>
            <label>
              Status{' '}
              <select
                value={a.status}
                onChange={(e) => void update({ input: { actionItemId: a.id, expectedVersion: a.version, status: e.target.value as ActionItemStatus } })}
              >
                {statuses.map((s) => (
                  <option key={s} value={s}>
                    {statusLabel[s]}
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
    </>
  );
}
