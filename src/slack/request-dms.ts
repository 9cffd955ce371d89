/**
 * Request DMs kept true (issue 17 §3): every DM about a request is recorded (channel, ts), and
 * once its buttons no longer apply it is rewritten with chat.update to say what happened, by whom
 * and when — the request DMs to their recipient, and a parked approval's DMs to its deciders.
 */
import type { Translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { CoreServices, ParkedResult, RequestView } from '../services/index.js';
import type { MessageView } from './blockkit/types.js';
import {
  type AccountCoverageModel,
  parkedDecidedDm,
  type RequestClosedModel,
  requestClosedDm,
} from './views/index.js';

/** Where a message went, so it can be updated. */
export interface MessageRef {
  channel: string;
  ts: string;
}

export type RequestMessage = RequestView['messages'][number];
type Render = (t: Translator) => MessageView;

export type ClosedAs = Pick<RequestClosedModel, 'status'> &
  Partial<Pick<RequestClosedModel, 'actorId' | 'zoomEmail' | 'toId'>>;

export const coverageOf = (
  account: { id: string; name: string | null; found: number; total: number } | undefined,
) => (account ? ({ ...account } satisfies AccountCoverageModel) : null);

export interface RequestDmDeps {
  services: Pick<CoreServices, 'approvals'>;
  update(workspaceId: string, message: RequestMessage, render: Render): Promise<boolean>;
  workspaceName(workspaceId: string): Promise<string>;
  refreshHome(workspaceId: string, userId: string): Promise<void>;
  logger: Logger;
}

export function createRequestDms(deps: RequestDmDeps) {
  const { services, update, workspaceName, refreshHome } = deps;

  const remember =
    (request: RequestView, userId: string, role: RequestMessage['role']) => (ref: MessageRef | null) =>
      ref
        ? services.approvals
            .recordMessage(request.workspaceId, request.id, { userId, role, ...ref })
            .catch((error: unknown) =>
              deps.logger.warn({ err: error, requestId: request.id }, 'could not record a request DM'),
            )
        : undefined;

  async function requestClosed(request: RequestView, closed: ClosedAs, onlyUserId?: string): Promise<void> {
    const targets = request.messages.filter(
      (m) => m.role === 'recipient' && (onlyUserId === undefined || m.userId === onlyUserId),
    );
    if (targets.length === 0) return;
    const model: RequestClosedModel = {
      status: closed.status,
      requesterId: request.requesterId,
      workspaceName: await workspaceName(request.workspaceId),
      actorId: closed.actorId ?? request.finishedBy,
      zoomEmail: closed.zoomEmail ?? request.completedZoomEmail,
      toId: closed.toId ?? null,
      at: request.finishedAt ?? request.completedAt ?? new Date(),
    };
    await Promise.all(
      targets.map((message) => update(request.workspaceId, message, (t) => requestClosedDm(model, t))),
    );
  }

  /** The decider DMs of a parked approval, rewritten with what became of it. */
  async function closeParkedDms(
    result: ParkedResult | { outcome: 'expired'; request: RequestView },
    actorId: string | null,
  ) {
    const { request } = result;
    const zoomEmail = 'zoomEmail' in result ? result.zoomEmail : (request.parked?.zoomEmail ?? '');
    const account = result.outcome === 'confirmed' ? coverageOf(result.account) : null;
    const deciders = request.messages.filter((m) => m.role === 'decider');
    await Promise.all(
      deciders.map((message) =>
        update(request.workspaceId, message, (t) =>
          parkedDecidedDm(
            {
              kind: request.kind,
              outcome: result.outcome,
              zoomEmail,
              actorId,
              account,
              at: request.finishedAt ?? new Date(),
            },
            t,
          ),
        ),
      ),
    );
    await Promise.all(
      [...new Set(deciders.map((m) => m.userId))].map((userId) => refreshHome(request.workspaceId, userId)),
    );
  }

  return { remember, requestClosed, closeParkedDms };
}
