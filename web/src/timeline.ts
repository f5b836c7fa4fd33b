import { print } from '@0no-co/graphql.web';
import type { Client as SocketClient } from 'graphql-ws';
import { graphql } from './gql';

export interface TimelineItem {
  id: string;
  cursor: string;
  sequence: number;
  kind: string;
  message: string;
  occurredAt: string;
  actor?: { name: string } | null;
  /** The event's details (an update's body, a change's before and after). */
  data?: unknown;
}

/** The text an event carries beside its message: an update's or a note's body. */
export function bodyOf(e: TimelineItem): string | null {
  const d = e.data as { body?: unknown } | null | undefined;
  return d && typeof d.body === 'string' && d.body !== '' ? d.body : null;
}

/**
 * Adds events to a timeline in sequence order, each once: the live stream
 * may repeat an event the page already holds (a resubscription after a cut
 * connection replays from the last cursor the page saw).
 */
export function mergeEvents(held: TimelineItem[], incoming: TimelineItem[]): TimelineItem[] {
  const seen = new Set(held.map((e) => e.sequence));
  const added = incoming.filter((e) => !seen.has(e.sequence) && (seen.add(e.sequence), true));
  if (added.length === 0) return held;
  return [...held, ...added].sort((a, b) => a.sequence - b.sequence);
}

const eventsSubscription = print(
  graphql(`
    subscription IncidentEvents($incidentId: ID!, $after: String) {
      incidentEvents(incidentId: $incidentId, after: $after) {
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
  `),
);

/**
 * Follows an incident's timeline from after (the last event the page
 * holds). graphql-ws sends a subscription again when its socket comes back,
 * with the same payload object: the payload's `after` is moved forward with
 * every event, so the server resumes from the last event seen — no gap —
 * and mergeEvents drops any repeat — no duplicate. An error carrying
 * extensions.resumeAfter (the server shed a slow subscriber) resubscribes
 * from there.
 */
export function followTimeline(socket: SocketClient, incidentId: string, after: string | null, onEvents: (e: TimelineItem[]) => void): () => void {
  let stop = () => {};
  let stopped = false;
  const variables: { incidentId: string; after: string | null } = { incidentId, after };
  const start = () => {
    stop = socket.subscribe<{ incidentEvents: TimelineItem }>(
      { query: eventsSubscription, variables },
      {
        next: (result) => {
          const e = result.data?.incidentEvents;
          if (!e) return;
          variables.after = e.cursor;
          onEvents([e]);
        },
        error: (err) => {
          const resume = (Array.isArray(err) ? err : [])
            .map((x: { extensions?: { resumeAfter?: string } }) => x.extensions?.resumeAfter)
            .find(Boolean);
          if (resume) variables.after = resume;
          if (!stopped) setTimeout(start, 1000);
        },
        complete: () => {},
      },
    );
  };
  start();
  return () => {
    stopped = true;
    stop();
  };
}
