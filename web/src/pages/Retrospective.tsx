import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { Link } from 'wouter';
import { NotFound } from '../App';
import { Problem } from '../components';
import { problemOf } from '../errors';
import { graphql } from '../gql';
import type { RetrospectiveStatus } from '../gql/graphql';
import { useLive } from '../live';
import { changed, edit, fields, keepMine, merge, startDraft, takeTheirs, type Draft, type Field, type Texts } from '../retrospectiveDraft';
import { followTimeline } from '../timeline';

export const retrospectiveFields = graphql(`
  fragment RetrospectiveFields on Retrospective {
    id
    status
    version
    summary
    impact
    rootCause
    whatWentWell
    whatWentPoorly
    lessonsLearned
    contributingFactors {
      description
      category {
        id
        name
      }
    }
    dueAt
    publishedAt
    owner {
      id
      name
    }
  }
`);

const retrospectiveQuery = graphql(`
  query RetrospectivePage($number: Int!) {
    incident(number: $number) {
      id
      number
      title
      status
      retrospective {
        ...RetrospectiveFields
      }
    }
  }
`);

const createRetrospective = graphql(`
  mutation CreateRetrospective($input: CreateRetrospectiveInput!) {
    createRetrospective(input: $input) {
      retrospective {
        ...RetrospectiveFields
      }
    }
  }
`);

const updateRetrospective = graphql(`
  mutation UpdateRetrospective($input: UpdateRetrospectiveInput!) {
    updateRetrospective(input: $input) {
      retrospective {
        ...RetrospectiveFields
      }
    }
  }
`);

const submitForReview = graphql(`
  mutation SubmitRetrospective($input: SubmitRetrospectiveForReviewInput!) {
    submitRetrospectiveForReview(input: $input) {
      retrospective {
        ...RetrospectiveFields
      }
    }
  }
`);

const returnToDraft = graphql(`
  mutation ReturnRetrospective($input: ReturnRetrospectiveToDraftInput!) {
    returnRetrospectiveToDraft(input: $input) {
      retrospective {
        ...RetrospectiveFields
      }
    }
  }
`);

const publish = graphql(`
  mutation PublishRetrospective($input: PublishRetrospectiveInput!) {
    publishRetrospective(input: $input) {
      retrospective {
        ...RetrospectiveFields
      }
    }
  }
`);

const categoriesQuery = graphql(`
  query FactorCategories {
    contributingFactorCategories {
      id
      name
      archived
    }
  }
`);

interface Factor {
  description: string;
  category: { id: string; name: string };
}

/**
 * Contributing factors: a category and what happened, saved as a whole
 * list with the version it was read at (a clash reloads and says so).
 */
function Factors({ retroId, factors, version, readOnly, onSaved }: { retroId: string; factors: Factor[]; version: number; readOnly: boolean; onSaved: () => void }) {
  const id = useId();
  const client = useClient();
  const [{ data }] = useQuery({ query: categoriesQuery });
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (next: { categoryId: string; description: string }[]) => {
    setProblem(null);
    const res = await client.mutation(updateRetrospective, { input: { retrospectiveId: retroId, expectedVersion: version, contributingFactors: next } }).toPromise();
    if (res.data?.updateRetrospective) {
      setDescription('');
      onSaved();
      return;
    }
    const p = problemOf(res.error);
    if (p?.code === 'CONFLICT') {
      setProblem('Someone saved this retrospective meanwhile: the factors below are theirs now. Add yours again.');
      onSaved();
      return;
    }
    setProblem(p?.message ?? 'Could not save the factors.');
  };
  const current = factors.map((f) => ({ categoryId: f.category.id, description: f.description }));
  return (
    <section aria-labelledby={`${id}-h`} className="factors">
      <h2 id={`${id}-h`}>Contributing factors</h2>
      {factors.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul>
          {factors.map((f, i) => (
            <li key={i}>
              <strong>{f.category.name}</strong>: {f.description}{' '}
              {!readOnly && (
                <button type="button" onClick={() => void save(current.filter((_, j) => j !== i))}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      {!readOnly && (
        <form
          className="row"
          aria-label="Add a contributing factor"
          onSubmit={(e) => {
            e.preventDefault();
            if (category) void save([...current, { categoryId: category, description }]);
          }}
        >
          <label>
            Category{' '}
            <select required value={category} onChange={(e) => setCategory(e.target.value)}>
              <option value="">choose…</option>
              {data?.contributingFactorCategories
                .filter((c) => !c.archived)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          </label>
          <label>
            What happened <input name="factor" required value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <button type="submit">Add factor</button>
        </form>
      )}
    </section>
  );
}

const labels: Record<Field, string> = {
  summary: 'Summary',
  impact: 'Impact',
  rootCause: 'Root cause',
  whatWentWell: 'What went well',
  whatWentPoorly: 'What went poorly',
  lessonsLearned: 'Lessons learned',
};

interface RetroLike extends Texts {
  id: string;
  version: number;
  status: RetrospectiveStatus;
  contributingFactors: Factor[];
}

const textsOf = (r: Texts): Texts => Object.fromEntries(fields.map((f) => [f, r[f]])) as Texts;

export function RetrospectivePage({ number }: { number: number }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: retrospectiveQuery, variables: { number }, requestPolicy: 'cache-and-network' });
  const [created, create] = useMutation(createRetrospective);
  const inc = data?.incident;
  useEffect(() => {
    document.title = inc ? `Retrospective #${inc.number} · Firebreak` : 'Retrospective · Firebreak';
  }, [inc]);
  if (error && problemOf(error)?.code === 'NOT_FOUND') return <NotFound what="incident" />;
  if (error) return <Problem error={error} />;
  if (!data && fetching) return <p>Loading…</p>;
  if (!inc) return <NotFound what="incident" />;
  return (
    <article aria-labelledby="retro-title">
      <p>
        <Link href={`/incidents/${inc.number}`}>← #{inc.number} {inc.title}</Link>
      </p>
      <h1 id="retro-title">Retrospective</h1>
      {inc.retrospective ? (
        <Editor incidentId={inc.id} number={inc.number} retro={inc.retrospective} refetch={() => refetch({ requestPolicy: 'network-only' })} />
      ) : (
        <>
          <p>This incident has no retrospective yet.</p>
          <Problem error={created.error} />
          <button type="button" className="primary" disabled={created.fetching} onClick={() => void create({ input: { incidentId: inc.id } })}>
            Start the retrospective
          </button>
        </>
      )}
    </article>
  );
}

function Editor({ incidentId, number, retro, refetch }: { incidentId: string; number: number; retro: RetroLike; refetch: () => void }) {
  const id = useId();
  const client = useClient();
  const { socket } = useLive();
  const [draft, setDraft] = useState<Draft>(() => startDraft(textsOf(retro), retro.version));
  const [status, setStatus] = useState(retro.status);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [, submit] = useMutation(submitForReview);
  const [, toDraft] = useMutation(returnToDraft);
  const [, doPublish] = useMutation(publish);

  // What others save arrives as the query's new result.
  useEffect(() => {
    setDraft((d) => merge(d, textsOf(retro), retro.version));
    setStatus(retro.status);
  }, [retro]);
  // Someone else's save shows up while this page is open. One
  // subscription for the page's life: re-subscribing on every render would
  // miss the events that arrive in between.
  const reload = useRef(refetch);
  reload.current = refetch;
  useEffect(
    () =>
      followTimeline(socket, incidentId, null, (events) => {
        if (events.some((e) => e.kind.startsWith('RETROSPECTIVE_'))) reload.current();
      }),
    [socket, incidentId],
  );

  const save = useCallback(async () => {
    const mine = changed(draft);
    if (Object.keys(mine).length === 0) return;
    setSaving(true);
    setProblem(null);
    const res = await client
      .mutation(updateRetrospective, { input: { retrospectiveId: retro.id, expectedVersion: draft.version, ...mine } })
      .toPromise();
    setSaving(false);
    const saved = res.data?.updateRetrospective?.retrospective;
    if (saved) {
      setDraft((d) => merge(d, textsOf(saved), saved.version));
      setSavedAt(new Date().toLocaleTimeString());
      return;
    }
    const p = problemOf(res.error);
    if (p?.code === 'CONFLICT') {
      // Someone saved first: take in their text, keep mine, show clashes.
      setProblem('Someone else saved this retrospective while you were editing. Their changes are in; where you both changed a field, choose below, then save again.');
      refetch();
      return;
    }
    setProblem(p?.message ?? 'The retrospective could not be saved.');
  }, [client, draft, retro.id, refetch]);

  const move = async (action: 'submit' | 'draft' | 'publish') => {
    setProblem(null);
    const input = { retrospectiveId: retro.id };
    const res = action === 'submit' ? await submit({ input }) : action === 'draft' ? await toDraft({ input }) : await doPublish({ input });
    if (res.error) setProblem(problemOf(res.error)?.message ?? 'That did not work.');
  };

  const dirty = Object.keys(changed(draft)).length > 0;
  const clashes = Object.keys(draft.conflicts).length;
  const published = status === 'PUBLISHED';
  return (
    <>
      <p>
        Status: <strong data-testid="retro-status">{status === 'IN_REVIEW' ? 'In review' : status === 'DRAFT' ? 'Draft' : 'Published'}</strong>{' '}
        <a href={`/incidents/${number}/retrospective.md`} download>
          Markdown
        </a>
      </p>
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      <form
        className="stack retro"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {fields.map((f) => (
          <div key={f} className="stack">
            <label htmlFor={`${id}-${f}`}>{labels[f]}</label>
            <textarea
              id={`${id}-${f}`}
              name={f}
              rows={f === 'summary' || f === 'rootCause' ? 4 : 3}
              value={draft.mine[f]}
              readOnly={published}
              onChange={(e) => setDraft((d) => edit(d, f, e.target.value))}
            />
            {draft.conflicts[f] !== undefined && (
              <div className="conflict" role="group" aria-label={`${labels[f]}: someone else's version`}>
                <p>Someone else saved a different {labels[f].toLowerCase()}:</p>
                <blockquote data-testid={`theirs-${f}`}>{draft.conflicts[f]}</blockquote>
                <div className="row">
                  <button type="button" onClick={() => setDraft((d) => takeTheirs(d, f))}>
                    Use theirs
                  </button>
                  <button type="button" onClick={() => setDraft((d) => keepMine(d, f))}>
                    Keep mine
                  </button>
                </div>
              </div>
            )}
          </div>
        ))}
        {!published && (
          <div className="row">
            <button type="submit" className="primary" disabled={saving || !dirty || clashes > 0}>
              {saving ? 'Saving…' : 'Save'}
            </button>
            <span className="muted" aria-live="polite">
              {clashes > 0 ? `Choose for ${clashes} field${clashes > 1 ? 's' : ''} first` : dirty ? 'Unsaved changes' : savedAt ? `Saved at ${savedAt}` : 'No changes'}
            </span>
          </div>
        )}
      </form>
      <Factors retroId={retro.id} factors={retro.contributingFactors} version={draft.version} readOnly={published} onSaved={refetch} />
      <div className="row workflow">
        {status === 'DRAFT' && (
          <button type="button" disabled={dirty} onClick={() => void move('submit')}>
            Submit for review
          </button>
        )}
        {status === 'IN_REVIEW' && (
          <>
            <button type="button" className="primary" disabled={dirty} onClick={() => void move('publish')}>
              Publish
            </button>
            <button type="button" onClick={() => void move('draft')}>
              Back to draft
            </button>
          </>
        )}
      </div>
    </>
  );
}
