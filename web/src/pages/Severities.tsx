import { useEffect } from 'react';
import { useQuery } from 'urql';
import { Problem } from '../components';
import { graphql } from '../gql';

export const severitiesQuery = graphql(`
  query Severities {
    severities {
      id
      level
      name
      description
      color
      updateIntervalMinutes
      retrospectiveRequired
    }
  }
`);

export function SeveritiesPage() {
  const [{ data, error }] = useQuery({ query: severitiesQuery });
  useEffect(() => {
    document.title = 'Severities · Firebreak';
  }, []);
  useEffect(() => {
    // "what's this?" links point at #sev-1 and so on.
    if (data && window.location.hash) document.getElementById(window.location.hash.slice(1))?.scrollIntoView();
  }, [data]);
  return (
    <section aria-labelledby="severities-heading">
      <h1 id="severities-heading">Severity levels</h1>
      <p>Severity levels are not a popularity contest: choose the one whose definition fits, not the one that gets the most attention.</p>
      <Problem error={error} />
      <dl className="severities">
        {data?.severities.map((s) => (
          <div key={s.id} id={s.name.toLowerCase()} className="severity-definition" style={{ borderColor: s.color }}>
            <dt>{s.name}</dt>
            <dd>
              <p>{s.description}</p>
              <p className="muted">
                Updates every {s.updateIntervalMinutes} minutes{s.retrospectiveRequired ? '; a retrospective is required' : ''}.
              </p>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
