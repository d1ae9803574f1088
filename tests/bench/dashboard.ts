/**
 * `dashboard_100k_ms`: every chart's data for one event of 100,000 leads (dashboard.data), the
 * median of several calls after a first one that warms the statement and the page cache, as
 * the dashboard screen's refreshes are. The leads come from the Triage bench's seeding (scores,
 * grades, statuses, staff, answers varied as a season of shows leaves them), in one event.
 */
import { pathToFileURL } from 'node:url';
import type { Output } from '../../shared/api';
import { seedTriage, type TriageBench } from './triage';

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
type Percentile = (samples: number[], p: number) => number;

/** Times `calls` dashboard.data calls for the first event; checks the answer covers every lead. */
export async function benchDashboardOn(bench: TriageBench, leads: number, percentile: Percentile, calls = 15) {
  const eventId = bench.eventIds[0]!;
  const first: Output<'dashboard.data'> = await bench.call('dashboard.data', { eventId, timeZone: 'Asia/Tokyo' });
  if (first.funnel.captured !== leads) throw new Error(`dashboard counted ${first.funnel.captured} of ${leads} leads`);
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    await bench.call('dashboard.data', { eventId, timeZone: 'Asia/Tokyo' });
    const used = process.cpuUsage(c);
    samples.push(ms(t));
    cpu.push((used.user + used.system) / 1000);
  }
  const round = (n: number) => Number(n.toFixed(1));
  return { p50: round(percentile(samples, 50)), max: round(Math.max(...samples)), cpuP50: round(percentile(cpu, 50)) };
}

/** Seeds its own database of `leads` leads in one event, measures, and removes it. */
export async function benchDashboard(percentile: Percentile, leads = 100_000): Promise<Record<string, number>> {
  const bench = await seedTriage(leads, 1);
  try {
    log('dashboard: every chart of one event of 100,000 leads, 15 calls…');
    const { p50, max, cpuP50 } = await benchDashboardOn(bench, leads, percentile);
    // The CPU time beside the wall time: on a shared machine the wall time also counts the wait for a core.
    return { dashboard_100k_ms: p50, dashboard_100k_max_ms: max, dashboard_100k_cpu_ms: cpuP50 };
  } finally {
    bench.close();
  }
}

// Run alone: `npx tsx tests/bench/dashboard.ts` prints this figure's JSON (npm run bench runs every figure).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const percentile: Percentile = (samples, p) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  };
  benchDashboard(percentile).then(
    (figures) => process.stdout.write(`${JSON.stringify(figures)}\n`),
    (err: unknown) => {
      log(String(err));
      process.exitCode = 1;
    },
  );
}
