import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { useQuery } from 'urql';
import { Problem } from '../components';
import { graphql } from '../gql';

// The chart library loads only on this page: the incident list's first
// load stays small.
const WeeklyChart = lazy(() => import('../charts/WeeklyChart'));

const metricsQuery = graphql(`
  query Numbers($filter: IncidentMetricsFilter) {
    incidentMetrics(filter: $filter) {
      count
      openActionItems
      overdueActionItems
      timeToAcknowledge {
        median
        p90
      }
      timeToMitigate {
        median
        p90
      }
      timeToResolve {
        median
        p90
      }
      weekly {
        weekStart
        count
        medianTimeToResolve
      }
      bySeverity {
        severity {
          id
          name
        }
        count
        timeToAcknowledge {
          median
        }
        timeToMitigate {
          median
        }
        timeToResolve {
          median
        }
      }
      byProduct {
        product {
          id
          name
        }
        count
        timeToAcknowledge {
          median
        }
        timeToMitigate {
          median
        }
        timeToResolve {
          median
        }
      }
    }
  }
`);

const ranges = { '30': 'Last 30 days', '90': 'Last 90 days', '365': 'Last year' } as const;

/** A duration in seconds, as people read it: "4 min", "2.5 h", "3 d". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

export function NumbersPage() {
  const id = useId();
  const [days, setDays] = useState<keyof typeof ranges>('90');
  // Stable for the range chosen: a new "now" each render would refetch forever.
  const [period, setPeriod] = useState(() => ({ from: new Date(Date.now() - 90 * 86400_000).toISOString(), to: new Date().toISOString() }));
  const from = period.from;
  useEffect(() => {
    document.title = 'The numbers · Firebreak';
  }, []);
  const [{ data, error }] = useQuery({ query: metricsQuery, variables: { filter: { from } } });
  const m = data?.incidentMetrics;
  return (
    <section aria-labelledby={`${id}-h`}>
      <div className="heading-row">
        <h1 id={`${id}-h`}>The numbers</h1>
        <label>
          Period{' '}
          <select
            value={days}
            onChange={(e) => {
              const d = e.target.value as keyof typeof ranges;
              setDays(d);
              setPeriod({ from: new Date(Date.now() - Number(d) * 86400_000).toISOString(), to: new Date().toISOString() });
            }}
          >
            {Object.entries(ranges).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Problem error={error} />
      {m && (
        <>
          <dl className="figures">
            <div>
              <dt>Incidents</dt>
              <dd data-testid="count">{m.count}</dd>
            </div>
            <div>
              <dt>Median time to acknowledge</dt>
              <dd>{duration(m.timeToAcknowledge.median)}</dd>
            </div>
            <div>
              <dt>Median time to mitigate</dt>
              <dd>{duration(m.timeToMitigate.median)}</dd>
            </div>
            <div>
              <dt>Median time to resolve</dt>
              <dd data-testid="mttr">{duration(m.timeToResolve.median)}</dd>
            </div>
            <div>
              <dt>Open follow-ups</dt>
              <dd>{m.openActionItems}</dd>
            </div>
            <div>
              <dt>Overdue follow-ups</dt>
              <dd>{m.overdueActionItems}</dd>
            </div>
          </dl>
          <h2>By week</h2>
          <Suspense fallback={<p>Loading the chart…</p>}>
            <WeeklyChart weeks={m.weekly} from={period.from} to={period.to} />
          </Suspense>
          <table className="numbers" aria-label="Incidents and median time to resolve by week">
            <thead>
              <tr>
                <th scope="col">Week of</th>
                <th scope="col">Incidents</th>
                <th scope="col">Median time to resolve</th>
              </tr>
            </thead>
            <tbody>
              {m.weekly.map((w) => (
                <tr key={w.weekStart}>
                  <td>{new Date(w.weekStart).toLocaleDateString(undefined, { dateStyle: 'medium' })}</td>
                  <td>{w.count}</td>
                  <td>{duration(w.medianTimeToResolve)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Breakdown title="By severity" column="Severity" rows={m.bySeverity.map((r) => ({ key: r.severity.id, name: r.severity.name, ...r }))} />
          <Breakdown title="By product" column="Product" rows={m.byProduct.map((r) => ({ key: r.product.id, name: r.product.name, ...r }))} />
        </>
      )}
    </section>
  );
}

interface Row {
  key: string;
  name: string;
  count: number;
  timeToAcknowledge: { median?: number | null };
  timeToMitigate: { median?: number | null };
  timeToResolve: { median?: number | null };
}

function Breakdown({ title, column, rows }: { title: string; column: string; rows: Row[] }) {
  const id = useId();
  return (
    <>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">No incidents in this period.</p>
      ) : (
        <table className="numbers" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{column}</th>
              <th scope="col">Incidents</th>
              <th scope="col">MTTA</th>
              <th scope="col">MTTM</th>
              <th scope="col">MTTR</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.name}</th>
                <td>{r.count}</td>
                <td>{duration(r.timeToAcknowledge.median)}</td>
                <td>{duration(r.timeToMitigate.median)}</td>
                <td>{duration(r.timeToResolve.median)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
