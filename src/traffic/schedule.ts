// COLLECT_TRAFFIC=on: the server collects traffic itself, at start and then every hour, for setups
// of one replica with no scheduled `npm run collect`. A failed run is logged and tried again at
// the next tick; it never takes the server down.
import type { Logger } from '../logger.js';
import { collectTraffic, type TrafficSource } from './collector.js';
import type { TrafficStore } from './store.js';

const HOUR_MS = 3_600_000;

export interface TrafficCollectionOptions {
  client: TrafficSource;
  store: TrafficStore;
  logger: Logger;
  /** Default: an hour. A day is collected within the hour after it is finished. */
  intervalMs?: number;
}

/** Starts collecting; the returned function stops the timer and waits for a run in progress. */
export function startTrafficCollection(options: TrafficCollectionOptions): () => Promise<void> {
  const { client, store, logger } = options;
  let running: Promise<void> | undefined;
  const collect = () => {
    // A run still going (a slow Metrics API) is not doubled up by the next tick.
    if (running) return;
    running = collectTraffic({ client, store, logger })
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: error }, 'traffic collection failed; trying again at the next tick'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  collect();
  const timer = setInterval(collect, options.intervalMs ?? HOUR_MS);
  // The timer alone does not keep the process alive: shutdown goes on as without it.
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
