// On a machine with few cores the event loop, which answers requests and starts upstream calls,
// competes for them with the process's background threads: the cost page reader, and V8's
// optimizing compiler and garbage-collector helpers (a cold wide query keeps them busy for about as
// long as the event loop itself). Those threads are set below the event loop, so that when both
// want a core the event loop gets it and background work fills the time it leaves; on idle cores
// nothing changes. libuv's thread pool, started by the module loader before this runs, goes with
// them: its work here (compressing a fresh answer, DNS lookups for new connections) is short.
// Linux only: there a thread's priority is its own, while elsewhere the same call would lower the
// whole process.
import { readdirSync } from 'node:fs';
import { constants, getPriority, setPriority } from 'node:os';
import { isMainThread } from 'node:worker_threads';

export const BACKGROUND_PRIORITY = constants.priority.PRIORITY_BELOW_NORMAL;

const perThread = process.platform === 'linux';

/** Sets one thread (0: the calling one) below the event loop; false if it is there already or cannot be. */
function lower(threadId: number): boolean {
  try {
    // A process started with a lower priority than this keeps it: raising one needs privileges.
    if (getPriority(threadId) >= BACKGROUND_PRIORITY) return false;
    setPriority(threadId, BACKGROUND_PRIORITY);
    return true;
  } catch {
    // A thread that ended meanwhile, or a sandbox that forbids it: the thread runs as before.
    return false;
  }
}

/** Sets the calling thread (a worker's own) below the event loop. */
export function lowerThisThread(): boolean {
  return perThread && lower(0);
}

/**
 * Sets every other thread of the process that exists now below the main thread, which runs the
 * event loop; threads the main thread starts later keep its priority. Called once at start, from
 * the main thread. Returns how many threads were lowered.
 */
export function lowerOtherThreads(): number {
  // On Linux the main thread's id is the process id.
  if (!perThread || !isMainThread) return 0;
  const others = readdirSync('/proc/self/task')
    .map(Number)
    .filter((threadId) => threadId !== process.pid);
  return others.filter(lower).length;
}
