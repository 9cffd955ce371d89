/**
 * The OAuth callback (DESIGN §3.3, §3.2a): consume the state once, claim the request so only one
 * callback exchanges its code, then decide what the authorization may become.
 *
 * The right Zoom account, or none (issue 13): a personal link finished by a Zoom user whose email
 * is not the member's is parked until the member says "Use this account"; an org approval for
 * another Zoom account than the current connection's, or one covering no member, is parked until a
 * Slack admin confirms (the current connection keeps serving meanwhile). Parked approvals hold
 * their grant as a `parked` holder: Zoom has already rotated that user's tokens, so every other
 * connection of the same Zoom user moves to the new ones at once and keeps working.
 */
import { randomUUID } from 'node:crypto';
import type { ApprovalRequestDoc } from '../../db/models/index.js';
import { requestVerifierSeal } from '../../db/sealed-fields.js';
import { COMPLETION_LEASE_MS, effectiveStatus } from '../../domain/approval-request.js';
import { type AuthorizationResult, ZoomError } from '../../zoom/contracts.js';
import { ServiceError } from '../errors.js';
import type { ApprovalsContext } from './context.js';
import { type Claimed, createCompletionDecisions } from './decisions.js';
import {
  type ApprovalsService,
  type CallbackQuery,
  callbackQuerySchema,
  NO_SECRETS,
  parseScopedSecret,
  view,
} from './model.js';

export function createCallbackOperations(ctx: ApprovalsContext): Pick<ApprovalsService, 'handleCallback'> {
  const { requests, clock } = ctx;
  const { zoom, cipher, audit } = ctx.deps;

  async function release(claimed: Claimed) {
    await requests.updateOne(
      { workspaceId: claimed.workspaceId, _id: claimed.requestId, 'completion.holder': claimed.holder },
      { $unset: { completion: 1 } },
    );
  }

  /** Single use: the $pull consumes the state; the returned document still holds the attempt. */
  async function consumeState(query: CallbackQuery) {
    const { workspaceId, hash } = parseScopedSecret(query.state, 'state_invalid');
    const before = await requests
      .findOneAndUpdate(
        { workspaceId, 'attempts.stateHash': hash },
        { $pull: { attempts: { stateHash: hash } } },
        { returnDocument: 'before' },
      )
      .lean<ApprovalRequestDoc>();
    const attempt = before?.attempts.find((a) => a.stateHash === hash);
    if (!before || !attempt || attempt.expiresAt.getTime() <= clock().getTime()) {
      throw new ServiceError(
        'state_invalid',
        'This sign-in attempt has expired or was already used. Open the link again.',
      );
    }
    const requestId = String(before._id);
    if (query.error !== undefined || query.code === undefined) {
      throw new ServiceError(
        'authorization_denied',
        'Zoom did not authorize the app. The link can be used again.',
        {
          requestId,
        },
      );
    }
    const status = effectiveStatus(before, clock());
    if (status === 'expired')
      throw new ServiceError('request_expired', 'This request has expired.', { status });
    if (status !== 'pending')
      throw new ServiceError('request_not_pending', `This request is ${status}.`, { status });
    const verifier = cipher.open(attempt.codeVerifier, requestVerifierSeal(workspaceId, requestId, hash));
    return { workspaceId, requestId, before, code: query.code, verifier };
  }

  /**
   * Claim first: only the claimer exchanges its code (a second exchange by the same Zoom user
   * would invalidate the first grant). An expired claim (its process died) counts as free.
   */
  async function claim(workspaceId: string, requestId: string, before: ApprovalRequestDoc): Promise<Claimed> {
    const now = clock();
    const holder = randomUUID();
    const claimed = await requests.updateOne(
      {
        workspaceId,
        _id: requestId,
        status: 'pending',
        expiresAt: { $gt: now },
        $or: [{ completion: null }, { 'completion.until': { $lte: now } }],
      },
      { $set: { completion: { holder, until: new Date(now.getTime() + COMPLETION_LEASE_MS) } } },
    );
    if (claimed.modifiedCount === 1) return { workspaceId, requestId, before, holder };
    const current = await requests
      .findOne({ workspaceId, _id: requestId }, NO_SECRETS)
      .lean<ApprovalRequestDoc>();
    const status = current ? effectiveStatus(current, clock()) : 'cancelled';
    if (status === 'pending') {
      throw new ServiceError('request_busy', 'This request is being completed right now.', { status });
    }
    throw new ServiceError('request_not_pending', `This request is ${status}.`, { status });
  }

  async function exchange(
    claimed: Claimed,
    code: string,
    codeVerifier: string,
  ): Promise<AuthorizationResult> {
    try {
      return await zoom.completeAuthorization(claimed.before.kind === 'org' ? 'org' : 'user', {
        code,
        codeVerifier,
      });
    } catch (error) {
      await release(claimed);
      throw new ServiceError(
        'zoom_failed',
        'Zoom could not complete the authorization. Try the link again.',
        { requestId: claimed.requestId, zoomCode: error instanceof ZoomError ? error.code : null },
        { cause: error },
      );
    }
  }

  const decide = createCompletionDecisions(ctx);

  return {
    async handleCallback(query) {
      const parsed = callbackQuerySchema.safeParse(query);
      if (!parsed.success) throw new ServiceError('state_invalid', 'This sign-in attempt is not valid.');
      const consumed = await consumeState(parsed.data);
      const claimed = await claim(consumed.workspaceId, consumed.requestId, consumed.before);
      const completion = await exchange(claimed, consumed.code, consumed.verifier);
      if (!completion.ok) {
        await release(claimed);
        await audit.record(claimed.workspaceId, 'request_not_admin', 'zoom', {
          requestId: claimed.requestId,
          zoomEmail: completion.email,
          roleName: completion.roleName,
        });
        return {
          outcome: 'not_admin',
          request: view(claimed.before, clock()),
          email: completion.email,
          roleName: completion.roleName,
          zoomStatus: completion.status,
        };
      }
      try {
        return claimed.before.kind === 'org'
          ? await decide.finishOrg(claimed, completion)
          : await decide.finishPersonal(claimed, completion);
      } catch (error) {
        await release(claimed);
        throw error;
      }
    },
  };
}
