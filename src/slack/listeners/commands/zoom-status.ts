/** `/zoom-status [@user | users | requests | help]` (DESIGN §2.1). */
import { ServiceError } from '../../../services/index.js';
import { parkedFor } from '../../home.js';
import { connectedUsersPage } from '../../loaders/connected-users-page.js';
import { toMemberStatusModel, toPendingRow } from '../../mappers.js';
import type { SlackAppDeps } from '../../runtime.js';
import {
  connectedUsersMessage,
  escapeMrkdwn,
  otherUserStatus,
  requestsMessage,
  statusMessage,
} from '../../views/index.js';
import { commandHandler } from './frame.js';

/** Slack escapes mentions in command text as `<@U123|name>` (or `<@U123>`). */
export function parseMention(text: string): string | null {
  const match = /^<@([UW][A-Z0-9_]+)(?:\|[^>]*)?>$/.exec(text.trim());
  return match?.[1] ?? null;
}

const USERS_PAGE_SIZE = 20;

export function zoomStatusCommand(deps: SlackAppDeps) {
  return commandHandler(deps, '/zoom-status', async ({ actor, text, reply }) => {
    const { services } = deps;
    const { workspaceId, userId, t } = actor;
    const requireAdmin = () => {
      if (!actor.isAdmin) throw new ServiceError('not_admin', 'Only Slack admins can do this.');
    };

    if (text === '') {
      const [status, parked] = await Promise.all([
        services.status.getStatus(workspaceId, userId, actor.member),
        parkedFor(services, workspaceId, userId),
      ]);
      return reply(statusMessage(toMemberStatusModel(status, actor.email, actor.isAdmin), t, parked));
    }
    const mentioned = parseMention(text);
    if (mentioned) {
      requireAdmin();
      const [status, member] = await Promise.all([
        services.status.getStatusFor(workspaceId, userId, mentioned),
        services.directory.getMember(workspaceId, mentioned),
      ]);
      const slackEmail = member?.email ?? null;
      return reply(
        otherUserStatus(
          {
            userId: mentioned,
            slackEmail,
            isAdmin: member?.isAdmin ?? false,
            status: toMemberStatusModel(status, slackEmail),
          },
          t,
        ),
      );
    }
    if (/^users$/i.test(text)) {
      requireAdmin();
      const model = await connectedUsersPage(services, workspaceId, userId, 'all', 0, USERS_PAGE_SIZE);
      return reply(connectedUsersMessage(model, t));
    }
    if (/^requests$/i.test(text)) {
      requireAdmin();
      const pending = await services.approvals.listPending(workspaceId, userId, { limit: 100 });
      return reply(requestsMessage({ requests: pending.map(toPendingRow), total: pending.length }, t));
    }
    return reply({
      text: t('notice.unknown_argument', { arg: escapeMrkdwn(text.slice(0, 50)), command: '/zoom-status' }),
      blocks: [],
    });
  });
}
