/**
 * The approvals service (DESIGN §3.3), by concern: requests made and read, what people do to them,
 * the periodic sweeps, the link (page and authorize URL), the OAuth callback, parked approvals.
 */

import { createCallbackOperations } from './callback.js';
import { type ApprovalsDeps, createApprovalsContext } from './context.js';
import { createLinkOperations } from './link.js';
import type { ApprovalsService } from './model.js';
import { createParkedOperations } from './parked.js';
import { createRequestChanges } from './request-changes.js';
import { createRequestSweeps } from './request-sweeps.js';
import { createRequestOperations } from './requests.js';

export type { ApprovalsDeps } from './context.js';
export * from './model.js';

export function createApprovalsService(deps: ApprovalsDeps): ApprovalsService {
  const ctx = createApprovalsContext(deps);
  return {
    ...createRequestOperations(ctx),
    ...createRequestChanges(ctx),
    ...createRequestSweeps(ctx),
    ...createLinkOperations(ctx),
    ...createCallbackOperations(ctx),
    ...createParkedOperations(ctx),
  };
}
