// One signal for every attempt and retry wait of a call, fired by the caller's signal or by the
// deadline, remembering which: running out of time is a timeout, anything else an abort.

import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger, UpstreamCallEvent } from './request.js';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Epoch ms. The call is abandoned then, and no retry wait may end past it. Read whenever needed, so it may be a getter. */
  readonly deadlineAt?: number;
  /**
   * One of many parallel calls of the same kind (a list per environment): it waits behind calls
   * that start or continue single long listings, which would otherwise queue behind the whole fan.
   */
  fanOut?: boolean;
  /** Told of every attempt of this call, after the client-wide hook: a request counts and traces its own calls. */
  onUpstreamCall?: (event: UpstreamCallEvent) => void;
  /** Where this call's log lines go (a GraphQL request's logger, with its id); the client's own otherwise. */
  logger?: Logger;
}

export type AbortKind = 'timeout' | 'aborted';

export interface CallScope {
  readonly signal: AbortSignal;
  /** Why the scope fired, or undefined while it has not. */
  abortKind(): AbortKind | undefined;
  /** Waits `ms`, rejecting early if the scope fires. */
  wait(ms: number): Promise<void>;
  dispose(): void;
}

export function openCallScope(options: RequestOptions = {}): CallScope {
  const { signal } = options;
  const controller = new AbortController();
  let kind: AbortKind | undefined;
  const fire = (why: AbortKind): void => {
    if (kind !== undefined) return;
    kind = why;
    controller.abort();
  };

  // AbortSignal.timeout() and similar deadline signals abort with a TimeoutError.
  const onCallerAbort = (): void =>
    fire((signal?.reason as { name?: unknown } | undefined)?.name === 'TimeoutError' ? 'timeout' : 'aborted');
  if (signal?.aborted) onCallerAbort();
  else signal?.addEventListener('abort', onCallerAbort, { once: true });

  // Read again when it comes: a call shared by several requests has the latest deadline of those
  // still waiting, which may move while it runs.
  let deadlineTimer: NodeJS.Timeout | undefined;
  const armDeadline = (): void => {
    if (options.deadlineAt === undefined) return;
    const remainingMs = options.deadlineAt - Date.now();
    if (remainingMs <= 0) fire('timeout');
    else deadlineTimer = setTimeout(armDeadline, remainingMs);
  };
  armDeadline();

  return {
    signal: controller.signal,
    abortKind: () => kind,
    wait: (ms) => sleep(ms, undefined, { signal: controller.signal }),
    dispose: () => {
      clearTimeout(deadlineTimer);
      signal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
