import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ScenarioResult } from './scenarios.js';
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

function find(report: BenchReport, server: ScenarioResult['server'], scenario: string): ScenarioResult | undefined {
  return report.results.find((result) => result.server === server && result.scenario === scenario);
}

/** The figures the README leads with, each computed from the table below it. */
function headline(report: BenchReport): string[] {
  const cold = find(report, 'batched + cached', 'flagship, cold');
  const warm = find(report, 'batched + cached', 'flagship, warm (20 in a row)');
  const small = find(report, 'batched + cached', 'small query, warm (50 in a row)');
  const naive = find(report, 'naive', 'flagship, cold');
  const lines: string[] = [];
  if (cold) {
    lines.push(`- Flagship, cold: ${cold.upstreamCalls} upstream calls for the fewest ${cold.fewestCalls} (ratio ${show(cold.callRatio)}), ${cold.wallMs} ms against a critical path of ${show(cold.criticalPathMs)} ms (ratio ${show(cold.criticalPathRatio)}).`);
  }
  if (warm && small) {
    lines.push(`- Flagship, warm: ${warm.upstreamCalls} upstream calls; p95 ${warm.p95Ms} ms against ${small.p95Ms} ms for the small query (${round(warm.p95Ms / small.p95Ms, 2)}×).`);
  }
  if (cold && naive) {
    lines.push(`- Naive baseline (no batching, no cache): ${naive.upstreamCalls} upstream calls for the flagship, ${round(naive.upstreamCalls / cold.upstreamCalls, 1)}× the batched server's, in ${naive.wallMs} ms.`);
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
