/**
 * The link's side (DESIGN §2.2): the page a link token shows (read-only) and, per click, a fresh
 * OAuth `state` and PKCE pair with Zoom's authorize URL.
 */
import type { ApprovalRequestDoc, FormerToken } from '../../db/models/index.js';
import { requestVerifierSeal } from '../../db/sealed-fields.js';
import { ATTEMPT_TTL_MS } from '../../domain/approval-request.js';
import { createPkcePair } from '../../zoom/pkce.js';
import { ServiceError } from '../errors.js';
import type { ApprovalsContext } from './context.js';
import {
  type ApprovalsService,
  type LinkView,
  NO_SECRETS,
  newScopedSecret,
  OBJECT_ID,
  parseScopedSecret,
  sha256,
  view,
} from './model.js';

export function createLinkOperations(
  ctx: ApprovalsContext,
): Pick<ApprovalsService, 'viewLink' | 'describe' | 'open'> {
  const { requests, clock, explain } = ctx;
  const { models, zoom, cipher, settings } = ctx.deps;

  const nameOf = async (workspaceId: string, slackUserId: string | null | undefined) => {
    if (!slackUserId) return null;
    const member = await models.members
      .findOne({ workspaceId, slackUserId }, { realName: 1, name: 1 })
      .lean();
    return member ? member.realName || member.name || null : null;
  };

  /** The request a token names: its current token, or one it had before a forward. */
  async function findByToken(workspaceId: string, hash: string) {
    const current = await requests
      .findOne({ workspaceId, tokenHash: hash }, NO_SECRETS)
      .lean<ApprovalRequestDoc>();
    if (current) return { doc: current, forwarded: null };
    const former = await requests
      .findOne({ workspaceId, 'formerTokens.hash': hash }, { attempts: 0, tokenSealed: 0, tokenHash: 0 })
      .lean<ApprovalRequestDoc>();
    const entry = former?.formerTokens?.find((t) => t.hash === hash);
    return former && entry ? { doc: former, forwarded: entry } : null;
  }

  /** The connection the request is about, as it is now. */
  async function connectionOf(doc: ApprovalRequestDoc): Promise<LinkView['connection']> {
    const found =
      doc.kind === 'org'
        ? await models.orgConnections
            .findOne({ workspaceId: doc.workspaceId }, { status: 1, zoomEmail: 1 })
            .lean()
        : await models.personalConnections
            .findOne(
              { workspaceId: doc.workspaceId, slackUserId: doc.requesterId },
              { status: 1, zoomEmail: 1 },
            )
            .lean();
    return found ? { status: found.status, zoomEmail: found.zoomEmail } : { status: 'none', zoomEmail: null };
  }

  async function enrich(doc: ApprovalRequestDoc, forwarded: FormerToken | null): Promise<LinkView> {
    const { workspaceId } = doc;
    const [
      workspaceName,
      requesterName,
      recipientName,
      forwardedToName,
      supersededByName,
      memberCount,
      connection,
    ] = await Promise.all([
      settings.workspaceName(workspaceId),
      nameOf(workspaceId, doc.requesterId),
      nameOf(workspaceId, doc.recipientId),
      forwarded ? nameOf(workspaceId, forwarded.forwardedTo) : Promise.resolve(null),
      nameOf(workspaceId, doc.supersededBy?.connectedBy),
      doc.kind === 'org'
        ? models.members.countDocuments({ workspaceId, deleted: false })
        : Promise.resolve(0),
      connectionOf(doc),
    ]);
    return {
      ...view(doc, clock()),
      workspaceName,
      requesterName,
      recipientName,
      memberCount,
      forwarded: forwarded
        ? { toId: forwarded.forwardedTo, toName: forwardedToName, at: forwarded.at }
        : null,
      supersededByName,
      connection,
    };
  }

  return {
    async viewLink(token, expectedKind) {
      const { workspaceId, hash } = parseScopedSecret(token, 'request_not_found');
      const found = await findByToken(workspaceId, hash);
      if (!found || (expectedKind !== undefined && found.doc.kind !== expectedKind)) {
        throw new ServiceError('request_not_found', 'This link is not valid.');
      }
      return enrich(found.doc, found.forwarded);
    },

    async describe(workspaceId, requestId) {
      if (typeof requestId !== 'string' || !OBJECT_ID.test(requestId)) return null;
      const doc = await requests
        .findOne({ workspaceId, _id: requestId }, NO_SECRETS)
        .lean<ApprovalRequestDoc>();
      return doc ? enrich(doc, null) : null;
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
      // The verifier is sealed for this request and this state: read the id first.
      const target = await requests.findOne(filter, { _id: 1 }).lean();
      if (!target) return explain({ workspaceId, tokenHash: hash }, expectedKind);
      const requestId = String(target._id);
      const stateHash = sha256(state);
      const attempt = {
        stateHash,
        codeVerifier: cipher.seal(pkce.codeVerifier, requestVerifierSeal(workspaceId, requestId, stateHash)),
        expiresAt: new Date(now.getTime() + ATTEMPT_TTL_MS),
      };
      // Keep the latest 20 clicks: an abandoned Zoom login must not grow the document forever.
      const doc = await requests
        .findOneAndUpdate(
          { ...filter, _id: target._id },
          { $push: { attempts: { $each: [attempt], $slice: -20 } } },
          { returnDocument: 'after', projection: NO_SECRETS },
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
