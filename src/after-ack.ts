/**
 * The one road for work done after an answer was sent to Slack or Zoom (issue 15): slash-command
 * replies, button clicks, the DMs that follow a modal submission, Slack events, Zoom webhook
 * reactions, the messages that follow an OAuth callback.
 *
 * Why one bounded queue: Slack needs the ack within 3 s and Zoom an answer within 3 s; the work
 * that follows may take longer. Started all at once under a burst, that work competes with new
 * requests for the event loop and it is the acks that wait; started with a bare `setImmediate`, it
 * is unbounded, unmeasured and lost on shutdown. So every piece goes through p-limit (at most
 * `concurrency` at once, first come first served), is counted by kind and outcome, has its
 * failures logged with context, and `drain()` lets SIGTERM wait (bounded) for what was promised.
 *
 * Refusing: interactive callers (slash commands) ask `hasRoom()` before acking and answer "busy"
 * in the ack itself when the oldest waiting item has waited `maxWaitMs` or `maxWaiting` items wait
 * (a memory bound): a reply that would come too late helps nobody. Work already promised
 * (a webhook answered 200, a modal closed) is always queued.
 */
import pLimit from 'p-limit';
import type { Logger } from './logger.js';

export type AfterAckKind =
  | 'command'
  | 'action'
  | 'view_submission'
  | 'slack_event'
  | 'zoom_webhook'
  | 'oauth_callback'
  | 'notification';

export type AfterAckOutcome = 'ok' | 'error';

export interface AfterAckQueue {
  /** False when the queue is full: an interactive caller answers "busy" in its ack instead. */
  hasRoom(): boolean;
  /** Runs `work` in the queue; resolves or rejects with its result (the caller handles errors). */
  run<T>(kind: AfterAckKind, context: Record<string, unknown>, work: () => Promise<T>): Promise<T>;
  /** Queues `work` and returns at once: a failure is logged with `context` and counted, never thrown. */
  enqueue(kind: AfterAckKind, context: Record<string, unknown>, work: () => Promise<void>): void;
  /** Items running now and waiting to run (the `after_ack_queue` gauge). */
  depth(): { active: number; waiting: number };
  /**
   * Graceful shutdown: resolves once every queued item has finished, or after `timeoutMs`,
   * whichever comes first, with how many were still unfinished.
   */
  drain(timeoutMs: number): Promise<{ unfinished: number }>;
}

export interface AfterAckOptions {
  logger: Logger;
  concurrency?: number;
  maxWaiting?: number;
  maxWaitMs?: number;
  now?: () => number;
  /** Called once per finished item (metrics). */
  onFinished?: (kind: AfterAckKind, outcome: AfterAckOutcome, seconds: number) => void;
}

export const AFTER_ACK_DEFAULTS = { concurrency: 8, maxWaiting: 2_000, maxWaitMs: 3_000 } as const;

export function createAfterAckQueue(options: AfterAckOptions): AfterAckQueue {
  const concurrency = options.concurrency ?? AFTER_ACK_DEFAULTS.concurrency;
  const maxWaiting = options.maxWaiting ?? AFTER_ACK_DEFAULTS.maxWaiting;
  const maxWaitMs = options.maxWaitMs ?? AFTER_ACK_DEFAULTS.maxWaitMs;
  const now = options.now ?? Date.now;
  const logger = options.logger.child({ module: 'after-ack' });
  const limit = pLimit(concurrency);
  const unfinished = new Set<Promise<unknown>>();
  // When each waiting item was queued, oldest first (p-limit starts them in that order).
  const queuedAt: number[] = [];

  function run<T>(kind: AfterAckKind, _context: Record<string, unknown>, work: () => Promise<T>): Promise<T> {
    const queued = now();
    queuedAt.push(queued);
    const running = limit(async () => {
      queuedAt.shift();
      let outcome: AfterAckOutcome = 'error';
      try {
        const result = await work();
        outcome = 'ok';
        return result;
      } finally {
        options.onFinished?.(kind, outcome, (now() - queued) / 1000);
      }
    });
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    unfinished.add(settled);
    void settled.then(() => unfinished.delete(settled));
    return running;
  }

  return {
    hasRoom() {
      const oldest = queuedAt[0];
      return limit.pendingCount < maxWaiting && (oldest === undefined || now() - oldest < maxWaitMs);
    },
    run,
    enqueue(kind, context, work) {
      run(kind, context, work).catch((error: unknown) => {
        logger.error({ err: error, kind, ...context }, 'work after the answer failed');
      });
    },
    depth: () => ({ active: limit.activeCount, waiting: limit.pendingCount }),
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          timedOut = true;
          resolve();
        }, timeoutMs);
      });
      // Work may queue more work (a webhook reaction defers its announcement): wait until none is left.
      while (unfinished.size > 0 && !timedOut) {
        await Promise.race([Promise.all([...unfinished]), timeout]);
      }
      clearTimeout(timer);
      return { unfinished: unfinished.size };
    },
  };
}
