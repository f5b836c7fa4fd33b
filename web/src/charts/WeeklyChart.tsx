import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface Week {
  weekStart: string;
  count: number;
  medianTimeToResolve?: number | null;
}

// uPlot: a canvas chart library of ~50 KB that draws thousands of points
// without a framework of its own. The figures are also in the table below
// the chart, for screen readers and for reading exact values.
export default function WeeklyChart({ weeks, from, to }: { weeks: Week[]; from: string; to: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || weeks.length === 0) return;
    const xs = weeks.map((w) => Date.parse(w.weekStart) / 1000);
    const counts = weeks.map((w) => w.count);
    const hours = weeks.map((w) => (w.medianTimeToResolve == null ? null : w.medianTimeToResolve / 3600));
    const styles = getComputedStyle(document.documentElement);
    const accent = styles.getPropertyValue('--accent').trim() || '#b3261e';
    const link = styles.getPropertyValue('--link').trim() || '#0b57d0';
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 240,
        series: [
          {},
          { label: 'Incidents', stroke: accent, width: 2, points: { show: true } },
          { label: 'Median time to resolve (h)', stroke: link, width: 2, scale: 'h', spanGaps: false, points: { show: true } },
        ],
        axes: [{}, { label: 'Incidents' }, { side: 1, scale: 'h', label: 'Hours', grid: { show: false } }],
        // The whole period asked for, however few weeks had incidents.
        scales: { x: { time: true, range: () => [Date.parse(from) / 1000, Date.parse(to) / 1000] }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      },
      [xs, counts, hours],
      el,
    );
    const resize = () => plot.setSize({ width: Math.max(280, el.clientWidth), height: 240 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [weeks, from, to]);
  if (weeks.length === 0) return <p className="muted">No incidents in this period.</p>;
  return <div ref={box} className="chart" role="img" aria-label="Chart of incidents and median time to resolve by week; the table below has the figures" />;
}
