/** The benchmarks measure the services, not Slack: a notifier that tells nobody, and deferred work run at once. */
import type { CoreNotifier, Defer } from '../../src/services/index.js';

export const quietNotifier: CoreNotifier = {
  async orgConnectionLost() {},
  async personalConnectionLost() {},
  async requestExpired() {},
  async approvalReminder() {},
  async meetingEnded() {},
};

/** Runs deferred work right away; a failure is printed (a benchmark has nobody else to tell). */
export const runAtOnce: Defer = (label, _context, work) => {
  work().catch((error: unknown) => process.stderr.write(`deferred ${label} failed: ${String(error)}\n`));
};
