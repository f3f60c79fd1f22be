// A lock file beside the embedded store's database file, so that two processes sharing DATA_DIR
// (the server collecting on its timer, and `npm run collect`) write it in turns.
import { open, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** A write holds the lock well under a second; one held this long was left by a process that died. */
const STALE_AFTER_MS = 60_000;
const WAIT_MS = 2 * STALE_AFTER_MS;
const RETRY_MS = 25;

export async function withFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      // `wx` creates the file only if it does not exist: of two processes, one gets it.
      await (await open(path, 'wx')).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = await stat(path).then(
      (stats) => Date.now() - stats.mtimeMs,
      () => 0,
    );
    if (held > STALE_AFTER_MS) await rm(path, { force: true });
    else if (Date.now() > deadline) throw new Error(`the embedded traffic store stayed locked by another process (${path})`);
    else await sleep(RETRY_MS);
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}
