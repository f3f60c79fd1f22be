import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { LinesOfCode } from './loc.js';
import { FLAGSHIP_COLD, FLAGSHIP_WARM, SMALL_WARM, YEAR_SUMMARY, type ScenarioResult } from './scenarios.js';
import { round } from './stats.js';

/** One server process of the run, and its peak resident memory over its whole life. */
export interface ServerProcessResult {
  server: ScenarioResult['server'];
  upstreamLatencyMs: number;
  scenarios: string[];
  peakRssMb: number;
}

export interface BenchReport {
  generatedAt: string;
  durationSeconds: number;
  machine: { cpus: number; node: string };
  /** The latencies the scenarios ran at, each scenario's own in its result. */
  upstreamLatenciesMs: number[];
  upstreamConcurrency: number;
  /** The flagship's period. */
  period: { start: string; end: string };
  /** The year-long summary's period, and the ≤31-day windows it is read in. */
  yearPeriod: { start: string; end: string; windows: number };
  organization: Record<string, number>;
  linesOfCode: LinesOfCode;
  serverProcesses: ServerProcessResult[];
  /** The largest whole-run peak of the batched servers (the naive baseline's left out). */
  batchedServersPeakRssMb: number;
  memoryTargetMb: number;
  results: ScenarioResult[];
}

/** At these latencies per upstream call, the cold flagship's median within this many times its critical path. */
export const COLD_FLAGSHIP_TARGETS: Record<number, number> = { 25: 2, 150: 1.3 };

const file = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const BENCH_README = file('README.md');
const BEFORE = file('results-before.json');

const show = (value: number | null | undefined) => (value === null || value === undefined ? '–' : String(value));
const ratio = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toFixed(2));

/** The result of a scenario, by its server, the start of its name and its latency. */
function find(report: BenchReport, server: ScenarioResult['server'], scenario: string, latencyMs?: number): ScenarioResult | undefined {
  return report.results.find(
    (result) =>
      result.server === server &&
      result.scenario.startsWith(scenario) &&
      (latencyMs === undefined || result.upstreamLatencyMs === latencyMs),
  );
}

/** The figures the reports lead with, by name: the same names in every run, so two runs line up. */
function keyFigures(report: BenchReport): [string, string][] {
  const figures: [string, string][] = [];
  for (const latencyMs of report.upstreamLatenciesMs) {
    const cold = find(report, 'batched, cache off', FLAGSHIP_COLD, latencyMs);
    if (!cold) continue;
    const target = COLD_FLAGSHIP_TARGETS[latencyMs];
    figures.push([
      `Flagship, cold, ${latencyMs} ms per call: median against the critical path${target ? ` (target ≤ ${target}×)` : ''}`,
      `${cold.p50Ms} / ${show(cold.criticalPathMs)} ms = ${ratio(cold.criticalPathRatio)}×`,
    ]);
    figures.push([
      `Flagship, cold, ${latencyMs} ms per call: upstream calls against the fewest`,
      `${cold.upstreamCalls} / ${cold.fewestCalls} = ${ratio(cold.callRatio)}`,
    ]);
  }
  for (const latencyMs of report.upstreamLatenciesMs) {
    const year = find(report, 'batched + cached', YEAR_SUMMARY, latencyMs);
    if (!year) continue;
    figures.push([
      `Year by workspace, ${latencyMs} ms per call: upstream calls against the fewest`,
      `${year.upstreamCalls} / ${year.fewestCalls} = ${ratio(year.callRatio)}`,
    ]);
    figures.push([
      `Year by workspace, ${latencyMs} ms per call: wall time against the critical path`,
      `${year.wallMs} / ${show(year.criticalPathMs)} ms = ${ratio(year.criticalPathRatio)}×`,
    ]);
    figures.push([`Year by workspace, ${latencyMs} ms per call: the server's peak RSS`, `${year.peakRssMb} MB`]);
  }
  const warm = find(report, 'batched + cached', FLAGSHIP_WARM);
  const small = find(report, 'batched + cached', SMALL_WARM);
  if (warm && small) figures.push(['Flagship, warm: p95 (small query p95)', `${warm.p95Ms} ms (${small.p95Ms} ms)`]);
  const naive = find(report, 'naive', FLAGSHIP_COLD);
  if (naive)
    figures.push([
      'Naive baseline, flagship: upstream calls, time',
      `${naive.upstreamCalls} (${ratio(naive.callRatio)}× the fewest), ${naive.p50Ms} ms`,
    ]);
  figures.push([
    `Peak RSS over the whole run, largest of the batched servers (target ≤ ${report.memoryTargetMb} MB)`,
    `${report.batchedServersPeakRssMb} MB`,
  ]);
  const naiveServers = report.serverProcesses.filter((process) => process.server === 'naive');
  if (naiveServers.length > 0)
    figures.push([
      'Peak RSS over the whole run, largest of the naive servers',
      `${Math.max(...naiveServers.map((process) => process.peakRssMb))} MB`,
    ]);
  const loc = report.linesOfCode;
  figures.push([`Lines of code (${loc.scope}): non-blank / total, files`, `${loc.nonBlankLines} / ${loc.totalLines}, ${loc.files} files`]);
  figures.push(['The bench ran', `${report.durationSeconds} s`]);
  return figures;
}

function describe(report: BenchReport): string {
  const org = report.organization;
  return (
    `Measured ${report.generatedAt.slice(0, 10)} on ${report.machine.cpus} cores, Node ${report.machine.node}; ` +
    `${report.upstreamLatenciesMs.join(' and ')} ms per upstream call, at most ${report.upstreamConcurrency} in flight; ` +
    `${org.workspaces} workspaces, ${org.clusters} clusters, ${org.people} people, ${org.serviceAccounts} service accounts, ` +
    `${org.roleBindings} role bindings, ${org.costLines} cost lines; flagship period ${report.period.start} to ${report.period.end}, ` +
    `year ${report.yearPeriod.start} to ${report.yearPeriod.end} (${report.yearPeriod.windows} windows). The bench ran ${report.durationSeconds} s.`
  );
}

function scenarioTable(report: BenchReport): string[] {
  return [
    '| server | latency ms | scenario | requests | upstream calls | fewest | ratio | wall ms | critical path ms | ratio | req/s | p50 ms | p95 ms | peak RSS MB | errors |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.results.map(
      (r) =>
        `| ${r.server} | ${r.upstreamLatencyMs} | ${r.scenario} | ${r.requests} | ${r.upstreamCalls} | ${r.fewestCalls} | ${ratio(r.callRatio)} | ${r.wallMs} | ` +
        `${show(r.criticalPathMs)} | ${ratio(r.criticalPathRatio)} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p95Ms} | ${r.peakRssMb} | ${r.errors} |`,
    ),
  ];
}

function serverTable(report: BenchReport): string[] {
  return [
    '| server process | latency ms | scenarios | peak RSS MB over its run |',
    '|---|---:|---|---:|',
    ...report.serverProcesses.map((p) => `| ${p.server} | ${p.upstreamLatencyMs} | ${p.scenarios.join('; ')} | ${p.peakRssMb} |`),
  ];
}

/** A run in full: what it measured, its key figures, every scenario, every server process. */
export function markdown(report: BenchReport): string {
  return [
    describe(report),
    '',
    ...keyFigures(report).map(([name, value]) => `- ${name}: ${value}`),
    '',
    ...scenarioTable(report),
    '',
    ...serverTable(report),
    '',
  ].join('\n');
}

/** The key figures of two runs side by side. */
export function comparison(before: BenchReport, latest: BenchReport): string {
  const earlier = new Map(keyFigures(before));
  const rows = keyFigures(latest).map(([name, value]) => `| ${name} | ${earlier.get(name) ?? '–'} | ${value} |`);
  // Figures the earlier run had and the latest has not.
  const latestNames = new Set(keyFigures(latest).map(([name]) => name));
  for (const [name, value] of earlier) if (!latestNames.has(name)) rows.push(`| ${name} | ${value} | – |`);
  return [
    `| figure | before the single-process refactor (${before.generatedAt.slice(0, 10)}) | latest (${latest.generatedAt.slice(0, 10)}) |`,
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** Replaces what stands between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`. */
function replaceBlock(text: string, name: string, content: string): string {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return text;
  return `${text.slice(0, from + start.length)}\n${content}${text.slice(to)}`;
}

/** bench/README.md's generated blocks, from a run and, when there is one, the run before the refactor. */
export async function writeReadme(latest: BenchReport): Promise<void> {
  if (!existsSync(BENCH_README)) return;
  let readme = await readFile(BENCH_README, 'utf8');
  readme = replaceBlock(readme, 'latest', markdown(latest));
  if (existsSync(BEFORE)) {
    const before = JSON.parse(await readFile(BEFORE, 'utf8')) as BenchReport;
    readme = replaceBlock(readme, 'compare', comparison(before, latest));
    readme = replaceBlock(readme, 'before', markdown(before));
  }
  await writeFile(BENCH_README, readme);
}

/** bench/results.json, bench/results.md, and the generated blocks of bench/README.md. */
export async function writeReports(report: BenchReport): Promise<void> {
  const text = markdown(report);
  await writeFile(file('results.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(file('results.md'), `# Benchmark results\n\n${text}`);
  await writeReadme(report);
  console.log(`\n${text}`);
}

export const roundMb = (bytes: number) => round(bytes / 1_000_000);
