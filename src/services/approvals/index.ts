/** The approvals service (DESIGN §3.3), in three parts: the request lifecycle, the link, the callback. */

import { createCallbackOperations } from './callback.js';
import { type ApprovalsDeps, createApprovalsContext } from './context.js';
import { createLinkOperations } from './link.js';
import type { ApprovalsService } from './model.js';
import { createRequestOperations } from './requests.js';

export type { ApprovalsDeps } from './context.js';
export * from './model.js';

export function createApprovalsService(deps: ApprovalsDeps): ApprovalsService {
  const ctx = createApprovalsContext(deps);
  return { ...createRequestOperations(ctx), ...createLinkOperations(ctx), ...createCallbackOperations(ctx) };
}
