import { useEffect, useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useLocation } from 'wouter';
import { Problem } from '../components';
import { graphql } from '../gql';
import { PersonPicker } from '../people';
import { severitiesQuery } from './Severities';

const productsQuery = graphql(`
  query DeclareProducts {
    products {
      id
      name
    }
  }
`);

const declareMutation = graphql(`
  mutation DeclareIncident($input: DeclareIncidentInput!) {
    declareIncident(input: $input) {
      incident {
        id
        number
      }
    }
  }
`);

export function DeclarePage() {
  const [, navigate] = useLocation();
  const [{ data: sev }] = useQuery({ query: severitiesQuery });
  const [{ data: prod }] = useQuery({ query: productsQuery });
  const [result, declare] = useMutation(declareMutation);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [level, setLevel] = useState<number | null>(null);
  const [products, setProducts] = useState<string[]>([]);
  const [isPrivate, setPrivate] = useState(false);
  const [commander, setCommander] = useState('');
  // One key per attempt: a double submit or a retry declares once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const id = useId();
  useEffect(() => {
    document.title = 'Declare an incident · Firebreak';
  }, []);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (level === null) return;
    const res = await declare({
      input: {
        title,
        summary,
        severityLevel: level,
        productIds: products,
        visibility: isPrivate ? 'PRIVATE' : 'PUBLIC',
        idempotencyKey,
        ...(commander ? { commanderId: commander } : {}),
      },
    });
    const n = res.data?.declareIncident?.incident.number;
    if (n) navigate(`/incidents/${n}`);
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Declare an incident</h1>
      <form onSubmit={submit} className="stack">
        <label htmlFor={`${id}-title`}>What is wrong, in a line</label>
        <input id={`${id}-title`} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor={`${id}-summary`}>What we know so far (optional)</label>
        <textarea id={`${id}-summary`} rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
        <fieldset>
          <legend>Severity</legend>
          <p className="muted">Severity levels are not a popularity contest: pick the definition that fits.</p>
          {sev?.severities.map((s) => (
            <label key={s.id} className="choice">
              <input type="radio" name="severity" required value={s.level} checked={level === s.level} onChange={() => setLevel(s.level)} />
              <strong>{s.name}</strong> <span>{s.description}</span>
            </label>
          ))}
        </fieldset>
        {prod && prod.products.length > 0 && (
          <fieldset>
            <legend>Affected products</legend>
            {prod.products.map((p) => (
              <label key={p.id} className="choice">
                <input
                  type="checkbox"
                  checked={products.includes(p.id)}
                  onChange={(e) => setProducts(e.target.checked ? [...products, p.id] : products.filter((x) => x !== p.id))}
                />{' '}
                {p.name}
              </label>
            ))}
          </fieldset>
        )}
        <fieldset className="row">
          <legend>Commander (you, unless you choose someone)</legend>
          <PersonPicker label="Commander" value={commander} onChange={setCommander} />
        </fieldset>
        <label className="choice">
          <input type="checkbox" checked={isPrivate} onChange={(e) => setPrivate(e.target.checked)} /> Private: only its responders and admins see it
        </label>
        <Problem error={result.error} />
        <div>
          <button type="submit" className="primary" disabled={result.fetching}>
            {result.fetching ? 'Declaring…' : 'Declare'}
          </button>
        </div>
      </form>
    </section>
  );
}
