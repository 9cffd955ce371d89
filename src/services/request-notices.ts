/**
 * The periodic side of approval requests (DESIGN §3.3), with the telling included so the jobs only
 * call services: overdue requests are marked expired and their requesters told; org requests still
 * pending after 24 h are claimed once and their recipients reminded.
 */
import type { ApprovalsService } from './approvals/index.js';
import type { CoreNotifier } from './ports.js';

export interface RequestNoticesService {
  /** Expires what is overdue and tells each requester; returns how many expired. */
  expireDue(workspaceId: string): Promise<number>;
  /** Reminds each due recipient once; returns how many were reminded. */
  remindDue(workspaceId: string): Promise<number>;
}

export function createRequestNoticesService(deps: {
  approvals: Pick<ApprovalsService, 'expireDue' | 'claimDueReminders'>;
  notifier: Pick<CoreNotifier, 'requestExpired' | 'approvalReminder'>;
}): RequestNoticesService {
  const { approvals, notifier } = deps;
  return {
    async expireDue(workspaceId) {
      const expired = await approvals.expireDue(workspaceId);
      for (const request of expired) await notifier.requestExpired(request);
      return expired.length;
    },
    async remindDue(workspaceId) {
      const due = await approvals.claimDueReminders(workspaceId);
      for (const { request, link } of due) await notifier.approvalReminder(request, link);
      return due.length;
    },
  };
}
