/**
 * The App Home tab of one member, rebuilt from the services and published with views.publish.
 * Admin sections (organization connection, pending links, settings, connected users, audit) are
 * only read for admins. Everything shown fits Slack's limits (the view enforces them).
 */

import { createTranslator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { CoreServices, MeetingReader } from '../services/index.js';
import type { SlackClients } from './clients.js';
import { connectedUsersPage } from './loaders/connected-users-page.js';
import {
  toAuditRow,
  toMemberStatusModel,
  toOrgHealthModel,
  toParkedModel,
  toPendingRow,
  toSettingsModel,
} from './mappers.js';
import { toUpcomingRow } from './meeting-mappers.js';
import { HOME_MAX_MEETINGS } from './views/home.js';
import { type HomeModel, homeView, type ParkedApprovalModel, type UserFilter } from './views/index.js';

export const USERS_PAGE_SIZE = 10;

/** The approvals waiting for this person's yes, as they see them (Home, /zoom-status). */
export async function parkedFor(
  services: Pick<CoreServices, 'approvals' | 'connections' | 'directory' | 'settings'>,
  workspaceId: string,
  userId: string,
): Promise<ParkedApprovalModel[]> {
  const requests = await services.approvals.listParked(workspaceId, userId);
  if (requests.length === 0) return [];
  const [member, org, name] = await Promise.all([
    services.directory.getMember(workspaceId, userId),
    services.connections.getOrg(workspaceId),
    services.settings.workspaceName(workspaceId),
  ]);
  const context = {
    workspaceName: name ?? workspaceId,
    slackEmail: member?.email ?? null,
    currentZoomEmail: org && org.status !== 'disconnected' ? org.zoomEmail : null,
    currentServing: org?.status === 'active',
  };
  return requests.flatMap((request) => toParkedModel(request, context) ?? []);
}

export interface HomePublisher {
  publish(
    workspaceId: string,
    userId: string,
    options?: { users?: { filter: UserFilter; page: number } },
  ): Promise<void>;
  model(
    workspaceId: string,
    userId: string,
    options?: { users?: { filter: UserFilter; page: number } },
  ): Promise<HomeModel>;
}

export function createHomePublisher(deps: {
  services: CoreServices;
  /** The member's upcoming meetings (a Home section). */
  meetings: MeetingReader;
  clients: SlackClients;
  logger: Logger;
}): HomePublisher {
  const { services } = deps;

  async function model(
    workspaceId: string,
    userId: string,
    options: { users?: { filter: UserFilter; page: number } } = {},
  ): Promise<HomeModel> {
    const isAdmin = await services.directory.isAdmin(workspaceId, userId);
    const [status, member, parked, upcoming] = await Promise.all([
      services.status.getStatus(workspaceId, userId),
      services.directory.getMember(workspaceId, userId),
      parkedFor(services, workspaceId, userId),
      deps.meetings.listUpcoming(workspaceId, userId, { limit: HOME_MAX_MEETINGS }),
    ]);
    const base = {
      userId,
      isAdmin,
      status: toMemberStatusModel(status, member?.email ?? null, isAdmin),
      parked,
      meetings: { meetings: upcoming.meetings.map(toUpcomingRow), total: upcoming.total },
    };
    if (!isAdmin) return { ...base, admin: null };

    const users = options.users ?? { filter: 'all' as const, page: 0 };
    const [org, pending, settings, name, usersModel, audit] = await Promise.all([
      services.connections.getOrg(workspaceId),
      services.approvals.listPending(workspaceId, userId, { limit: 20 }),
      services.settings.get(workspaceId),
      services.settings.workspaceName(workspaceId),
      connectedUsersPage(services, workspaceId, userId, users.filter, users.page, USERS_PAGE_SIZE),
      services.audit.list(workspaceId, userId, { limit: 10 }),
    ]);
    return {
      ...base,
      admin: {
        org: toOrgHealthModel(org),
        requests: { requests: pending.map(toPendingRow), total: pending.length },
        settings: toSettingsModel(settings, name ?? workspaceId),
        users: usersModel,
        audit: audit.items.map(toAuditRow),
      },
    };
  }

  return {
    model,
    async publish(workspaceId, userId, options) {
      const [home, member] = await Promise.all([
        model(workspaceId, userId, options),
        services.directory.getMember(workspaceId, userId),
      ]);
      const t = createTranslator(member?.locale);
      const client = await deps.clients.forWorkspace(workspaceId);
      await client.views.publish({ user_id: userId, view: homeView(home, t) });
    },
  };
}
