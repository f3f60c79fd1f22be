// Background threads run below the event loop: V8's helpers once the process starts (src/main.ts),
// and the cost page reader's workers from its first page. Linux only, where priorities are per
// thread.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { availableParallelism, getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfluentError } from '../../src/confluent/errors.js';
import { ROUTES } from '../../src/confluent/routes.js';
import { BACKGROUND_PRIORITY } from '../../src/thread-priority.js';
import { CostPageReader } from '../../src/usage/cost-page-reader.js';

const ROOT = new URL('../../', import.meta.url);

/** What a new process reports of its threads after lowering the others, started under `prefix`. */
async function threadsAfterLowering(prefix: string[] = []) {
  const script = `
    import { readdirSync } from 'node:fs';
    import { getPriority } from 'node:os';
    import { lowerOtherThreads } from './src/thread-priority.ts';
    const lowered = lowerOtherThreads();
    const threads = readdirSync('/proc/self/task').map(Number).map((id) => ({ main: id === process.pid, priority: getPriority(id) }));
    process.stdout.write(JSON.stringify({ lowered, threads }));`;
  const [command, ...args] = [...prefix, process.execPath, '--import', 'tsx', '--input-type=module', '-e', script];
  const child = spawn(command!, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  return JSON.parse(stdout) as { lowered: number; threads: Array<{ main: boolean; priority: number }> };
}

const threadIds = () => new Set(readdirSync('/proc/self/task').map(Number));

describe.runIf(process.platform === 'linux')('thread priorities', () => {
  it('set every thread of the process but the main one below it', async () => {
    const { lowered, threads } = await threadsAfterLowering();
    const others = threads.filter((thread) => !thread.main);
    // V8 starts its compiler and garbage-collector helpers with the process.
    expect(others.length).toBeGreaterThan(0);
    expect(lowered).toBe(others.length);
    expect(others.map((thread) => thread.priority)).toEqual(others.map(() => BACKGROUND_PRIORITY));
    expect(threads.find((thread) => thread.main)?.priority).toBe(0);
  });

  it('leave a process started lower than that as it was', async () => {
    const { lowered, threads } = await threadsAfterLowering(['nice', '-n', '15']);
    expect(lowered).toBe(0);
    expect(new Set(threads.map((thread) => thread.priority))).toEqual(new Set([15]));
  });

  it('put the cost page readers, two where there are two cores, below the event loop', async () => {
    const before = threadIds();
    const reader = new CostPageReader();
    const unexpected = (problem: string) => new ConfluentError(problem, { kind: 'http', route: ROUTES.costs });
    const pages = await Promise.all([0, 1].map(() => reader.read(Buffer.from('{"metadata":{},"data":[]}'), unexpected)));
    expect(await Promise.all(pages.map(async (page) => (await page.data).map((table) => table.count)))).toEqual([[0], [0]]);
    const started = [...threadIds()].filter((id) => !before.has(id));
    // Each reader lowers its own thread; threads it starts before that (a module loader's) keep theirs.
    const readers = started.filter((id) => getPriority(id) === BACKGROUND_PRIORITY);
    expect(readers).toHaveLength(Math.min(2, availableParallelism()));
    expect(getPriority(process.pid)).toBe(0);
  });
});
