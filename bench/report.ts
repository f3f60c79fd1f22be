import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FLAGSHIP_COLD, FLAGSHIP_WARM, SMALL_WARM, type ScenarioResult } from './scenarios.js';
import { round } from './stats.js';

export interface BenchReport {
  generatedAt: string;
  durationSeconds: number;
  machine: { cpus: number; node: string };
  upstreamLatencyMs: number;
  upstreamConcurrency: number;
  period: { start: string; end: string };
  organization: Record<string, number>;
  results: ScenarioResult[];
}

const file = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const README = file('../README.md');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const show = (value: number | null) => (value === null ? '–' : String(value));

/** The result of a scenario, by the start of its name. */
function find(report: BenchReport, server: ScenarioResult['server'], scenario: string): ScenarioResult | undefined {
  return report.results.find((result) => result.server === server && result.scenario.startsWith(scenario));
}

/** The figures the README leads with, each computed from the table below it. */
function headline(report: BenchReport): string[] {
  const cold = find(report, 'batched, cache off', FLAGSHIP_COLD);
  const warm = find(report, 'batched + cached', FLAGSHIP_WARM);
  const small = find(report, 'batched + cached', SMALL_WARM);
  const naive = find(report, 'naive', FLAGSHIP_COLD);
  const lines: string[] = [];
  if (cold) {
    lines.push(
      `- Flagship, cold (empty caches, ${cold.requests} runs): ${cold.upstreamCalls} upstream calls for the fewest ${cold.fewestCalls} (ratio ${show(cold.callRatio)}); ` +
        `median ${cold.p50Ms} ms against a critical path of ${show(cold.criticalPathMs)} ms (ratio ${show(cold.criticalPathRatio)}).`,
    );
  }
  if (warm && small) {
    lines.push(`- Flagship, warm: ${warm.upstreamCalls} upstream calls; p95 ${warm.p95Ms} ms against ${small.p95Ms} ms for the small query (${round(warm.p95Ms / small.p95Ms, 2)}×).`);
  }
  if (cold && naive) {
    const batchedPerRequest = cold.upstreamCalls / cold.requests;
    const naivePerRequest = naive.upstreamCalls / naive.requests;
    lines.push(
      `- Naive baseline (no batching, no cache): ${naivePerRequest} upstream calls for the flagship, ${round(naivePerRequest / batchedPerRequest, 1)}× the batched server's, in ${naive.p50Ms} ms.`,
    );
  }
  return lines;
}

export function markdown(report: BenchReport): string {
  const org = report.organization;
  const header = [
    `Measured ${report.generatedAt.slice(0, 10)} on ${report.machine.cpus} cores, Node ${report.machine.node}; ${report.upstreamLatencyMs} ms per upstream call, ` +
      `at most ${report.upstreamConcurrency} in flight; ${org.workspaces} workspaces, ${org.clusters} clusters, ${org.people} people, ` +
      `${org.serviceAccounts} service accounts, ${org.roleBindings} role bindings, ${org.costLines} cost lines; period ${report.period.start} to ${report.period.end}. ` +
      `The bench ran ${report.durationSeconds} s.`,
    '',
    ...headline(report),
    '',
    '| server | scenario | requests | upstream calls | fewest | ratio | wall ms | critical path ms | ratio | req/s | p50 ms | p95 ms | peak RSS MB | errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const rows = report.results.map((r) =>
    `| ${r.server} | ${r.scenario} | ${r.requests} | ${r.upstreamCalls} | ${show(r.fewestCalls)} | ${show(r.callRatio)} | ${r.wallMs} | ${show(r.criticalPathMs)} | ${show(r.criticalPathRatio)} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p95Ms} | ${r.peakRssMb} | ${r.errors} |`,
  );
  return [...header, ...rows, ''].join('\n');
}

/** bench/results.json, bench/results.md, and the table in the README between its markers. */
export async function writeReports(report: BenchReport): Promise<void> {
  const table = markdown(report);
  await writeFile(file('results.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(file('results.md'), `# Benchmark results\n\n${table}`);
  const readme = await readFile(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start >= 0 && end > start) {
    await writeFile(README, `${readme.slice(0, start + START.length)}\n${table}${readme.slice(end)}`);
  }
  console.log(`\n${table}`);
}
