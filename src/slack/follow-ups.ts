/**
 * The work a slash command does after its ack (database reads, Zoom calls, the reply through
 * `response_url`). Slack needs the ack within 3 s; the reply may come later (a response_url stays
 * valid for 30 minutes). Under a burst, follow-up work that runs all at once competes with new
 * requests for the event loop, and it is the acks that wait. So follow-ups go through a bounded
 * queue (p-limit): at most `concurrency` run at once, the rest wait their turn. When `maxWaiting`
 * are already waiting, a new command is refused in its ack ("busy, try again") rather than queued
 * for a reply that would come too late to help anybody.
 */
import pLimit from 'p-limit';

export interface FollowUpQueue {
  /** False when the queue is full: the caller answers "busy" in its ack instead of queueing. */
  hasRoom(): boolean;
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Follow-ups running now and waiting to run (for metrics and tests). */
  depth(): { active: number; waiting: number };
}

export interface FollowUpOptions {
  concurrency?: number;
  maxWaiting?: number;
}

export const FOLLOW_UP_DEFAULTS = { concurrency: 8, maxWaiting: 2_000 } as const;

export function createFollowUpQueue(options: FollowUpOptions = {}): FollowUpQueue {
  const concurrency = options.concurrency ?? FOLLOW_UP_DEFAULTS.concurrency;
  const maxWaiting = options.maxWaiting ?? FOLLOW_UP_DEFAULTS.maxWaiting;
  const limit = pLimit(concurrency);
  return {
    hasRoom: () => limit.pendingCount < maxWaiting,
    run: (work) => limit(work),
    depth: () => ({ active: limit.activeCount, waiting: limit.pendingCount }),
  };
}
