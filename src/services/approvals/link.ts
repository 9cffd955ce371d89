/**
 * The link's side (DESIGN §2.2): the page a link token shows (read-only) and, per click, a fresh
 * OAuth `state` and PKCE pair with Zoom's authorize URL.
 */
import type { ApprovalRequestDoc } from '../../db/models/index.js';
import { ATTEMPT_TTL_MS } from '../../domain/approval-request.js';
import { createPkcePair } from '../../zoom/pkce.js';
import { ServiceError } from '../errors.js';
import type { ApprovalsContext } from './context.js';
import {
  type ApprovalsService,
  NO_SECRETS,
  newScopedSecret,
  parseScopedSecret,
  sha256,
  view,
} from './model.js';

export function createLinkOperations(ctx: ApprovalsContext): Pick<ApprovalsService, 'viewLink' | 'open'> {
  const { requests, clock, explain } = ctx;
  const { models, zoom, cipher, settings } = ctx.deps;
  return {
    async viewLink(token, expectedKind) {
      const { workspaceId, hash } = parseScopedSecret(token, 'request_not_found');
      const doc = await requests
        .findOne({ workspaceId, tokenHash: hash }, NO_SECRETS)
        .lean<ApprovalRequestDoc>();
      if (!doc || (expectedKind !== undefined && doc.kind !== expectedKind)) {
        throw new ServiceError('request_not_found', 'This link is not valid.');
      }
      const [workspaceName, requester] = await Promise.all([
        settings.workspaceName(workspaceId),
        models.members
          .findOne({ workspaceId, slackUserId: doc.requesterId }, { realName: 1, name: 1 })
          .lean(),
      ]);
      return {
        ...view(doc, clock()),
        workspaceName,
        requesterName: requester ? requester.realName || requester.name || null : null,
      };
    },

    async open(token, expectedKind) {
      const { workspaceId, hash } = parseScopedSecret(token, 'request_not_found');
      const now = clock();
      const pkce = createPkcePair();
      const state = newScopedSecret(workspaceId);
      const filter: Record<string, unknown> = {
        workspaceId,
        tokenHash: hash,
        status: 'pending',
        expiresAt: { $gt: now },
      };
      if (expectedKind !== undefined) filter.kind = expectedKind;
      const attempt = {
        stateHash: sha256(state),
        codeVerifier: cipher.encrypt(pkce.codeVerifier),
        expiresAt: new Date(now.getTime() + ATTEMPT_TTL_MS),
      };
      // Keep the latest 20 clicks: an abandoned Zoom login must not grow the document forever.
      const doc = await requests
        .findOneAndUpdate(
          filter,
          { $push: { attempts: { $each: [attempt], $slice: -20 } } },
          {
            returnDocument: 'after',
            projection: NO_SECRETS,
          },
        )
        .lean<ApprovalRequestDoc>();
      if (!doc) return explain({ workspaceId, tokenHash: hash }, expectedKind);
      const app = doc.kind === 'org' ? 'org' : 'user';
      return {
        authorizeUrl: zoom.authorizeUrl(app, { state, codeChallenge: pkce.codeChallenge }),
        request: view(doc, now),
      };
    },
  };
}
