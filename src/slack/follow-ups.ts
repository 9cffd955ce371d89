/**
 * The work a slash command does after its ack (database reads, Zoom calls, the reply through
 * `response_url`). Slack needs the ack within 3 s; the reply may come later (a response_url stays
 * valid for 30 minutes). Under a burst, follow-up work that runs all at once competes with new
 * requests for the event loop, and it is the acks that wait. So follow-ups go through a bounded
 * queue (p-limit): at most `concurrency` run at once, the rest wait their turn, first come first
 * served. When the oldest waiting one has waited `maxWaitMs` (the instance is not keeping up), or
 * `maxWaiting` wait already (a memory bound), a new command is refused in its ack ("busy, try
 * again in a minute") rather than queued for a reply that would come too late to help anybody.
 */
import pLimit from 'p-limit';

export interface FollowUpQueue {
  /** False when the queue is full: the caller answers "busy" in its ack instead of queueing. */
  hasRoom(): boolean;
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Follow-ups running now and waiting to run (the `slack_command_follow_ups` gauge). */
  depth(): { active: number; waiting: number };
  /**
   * Graceful shutdown: resolves once every queued follow-up has finished (their acks were sent,
   * so their replies are owed), or after `timeoutMs`, whichever comes first.
   */
  drain(timeoutMs: number): Promise<void>;
}

export interface FollowUpOptions {
  concurrency?: number;
  maxWaiting?: number;
  maxWaitMs?: number;
  now?: () => number;
}

export const FOLLOW_UP_DEFAULTS = { concurrency: 8, maxWaiting: 2_000, maxWaitMs: 3_000 } as const;

export function createFollowUpQueue(options: FollowUpOptions = {}): FollowUpQueue {
  const concurrency = options.concurrency ?? FOLLOW_UP_DEFAULTS.concurrency;
  const maxWaiting = options.maxWaiting ?? FOLLOW_UP_DEFAULTS.maxWaiting;
  const maxWaitMs = options.maxWaitMs ?? FOLLOW_UP_DEFAULTS.maxWaitMs;
  const now = options.now ?? Date.now;
  const limit = pLimit(concurrency);
  const unfinished = new Set<Promise<unknown>>();
  // When each waiting follow-up was queued, oldest first (p-limit starts them in that order).
  const queuedAt: number[] = [];
  return {
    hasRoom: () => {
      const oldest = queuedAt[0];
      return limit.pendingCount < maxWaiting && (oldest === undefined || now() - oldest < maxWaitMs);
    },
    run: (work) => {
      queuedAt.push(now());
      const running = limit(() => {
        queuedAt.shift();
        return work();
      });
      const settled = running.then(
        () => undefined,
        () => undefined,
      );
      unfinished.add(settled);
      void settled.then(() => unfinished.delete(settled));
      return running;
    },
    depth: () => ({ active: limit.activeCount, waiting: limit.pendingCount }),
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.all([...unfinished]), timeout]);
      clearTimeout(timer);
    },
  };
}
