/**
 * What the three parts of the approvals service share: their dependencies, the link a token makes,
 * and why a conditional update matched nothing (as a typed error).
 */
import pino from 'pino';
import type { ApprovalRequestDoc, Models } from '../../db/models/index.js';
import { requestTokenSeal } from '../../db/sealed-fields.js';
import { type ApprovalKind, effectiveStatus, linkPath } from '../../domain/approval-request.js';
import type { ZoomGateway } from '../../zoom/contracts.js';
import type { AuditService } from '../audit.js';
import type { ConnectionsService } from '../connections.js';
import { ServiceError } from '../errors.js';
import type { GrantsService } from '../grants.js';
import type { AdminCheck } from '../guard.js';
import { createMemberMatches, type MemberMatches } from '../member-matches.js';
import type { CommonDeps, SecretCipher } from '../ports.js';
import type { SettingsService } from '../settings.js';
import { NO_SECRETS } from './model.js';

export type ApprovalsDeps = CommonDeps & {
  models: Models;
  zoom: ZoomGateway;
  cipher: SecretCipher;
  publicUrl: string;
  admin: AdminCheck;
  audit: AuditService;
  connections: ConnectionsService;
  grants: GrantsService;
  settings: SettingsService;
  /** How long a personal link lives (default 30 minutes). */
  personalLinkTtlMs?: number | undefined;
};

export interface ApprovalsContext {
  deps: ApprovalsDeps;
  requests: Models['approvalRequests'];
  clock: () => Date;
  logger: pino.Logger;
  linkFor(kind: ApprovalKind, token: string): string;
  matches: MemberMatches;
  /** The link token of a request, opened from its sealed copy (bound to that request). */
  openToken(doc: Pick<ApprovalRequestDoc, '_id' | 'workspaceId' | 'tokenSealed'>): string;
  explain(filter: Record<string, unknown>, expectedKind?: ApprovalKind): Promise<never>;
}

export function createApprovalsContext(deps: ApprovalsDeps): ApprovalsContext {
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');
  const clock = deps.clock ?? (() => new Date());
  const requests = deps.models.approvalRequests;

  /** Why a conditional update on the request matched nothing, as a typed error. */
  async function explain(filter: Record<string, unknown>, expectedKind?: ApprovalKind): Promise<never> {
    const doc = await requests.findOne(filter, NO_SECRETS).lean<ApprovalRequestDoc>();
    if (!doc || (expectedKind !== undefined && doc.kind !== expectedKind)) {
      throw new ServiceError('request_not_found', 'This request does not exist.');
    }
    const status = effectiveStatus(doc, clock());
    if (status === 'expired')
      throw new ServiceError('request_expired', 'This request has expired.', { status });
    throw new ServiceError('request_not_pending', `This request is ${status}.`, { status });
  }

  return {
    deps,
    requests,
    clock,
    logger: (deps.logger ?? pino({ level: 'silent' })).child({ module: 'approvals' }),
    linkFor: (kind, token) => `${publicUrl}${linkPath(kind)}${token}`,
    matches: createMemberMatches(deps.models),
    openToken: (doc) => deps.cipher.open(doc.tokenSealed, requestTokenSeal(doc.workspaceId, String(doc._id))),
    explain,
  };
}
