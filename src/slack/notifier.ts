/**
 * Everything the app tells people on its own initiative: DMs (approval requests, outcomes,
 * connection alerts, affected meetings) and Home tab refreshes. Implements the core's
 * CoreNotifier. A DM that fails is logged with its reason and never breaks the action that
 * caused it (the change is stored and audited either way).
 */

import { createTranslator, type Translator } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { CoreNotifier, CoreServices, SettingsChange } from '../services/index.js';
import { type ApprovalNotices, createApprovalNotices, type MessageRef } from './approval-notices.js';
import type { MessageView } from './blockkit/types.js';
import type { SlackClients } from './clients.js';
import { createConnectionAlerts } from './connection-alerts.js';
import type { HomePublisher } from './home.js';
import { createMeetingNotices, type MeetingNotices } from './meeting-notices.js';
import { tellSettingsChange } from './settings-change-dms.js';

export interface SlackNotifier extends CoreNotifier, ApprovalNotices, MeetingNotices {
  /** Opens the DM and posts; returns where it went, or null (logged) when Slack refused. */
  dm(workspaceId: string, userId: string, render: (t: Translator) => MessageView): Promise<MessageRef | null>;
  translatorFor(workspaceId: string, userId: string): Promise<Translator>;
  workspaceName(workspaceId: string): Promise<string>;
  /**
   * After Save in the Settings modal: the admin is told what changed, then each member whose active
   * account it moved is told what they use now (and their Home is refreshed).
   */
  settingsChanged(workspaceId: string, actorId: string, change: SettingsChange): Promise<void>;
}

export function createSlackNotifier(deps: {
  /** Only the core services: the notifier is the port the other services are given. */
  services: Pick<
    CoreServices,
    'alerts' | 'approvals' | 'connections' | 'directory' | 'lifecycle' | 'settings' | 'status'
  >;
  clients: SlackClients;
  home: HomePublisher;
  logger: Logger;
}): SlackNotifier {
  const logger = deps.logger.child({ module: 'notifier' });

  async function translatorFor(workspaceId: string, userId: string): Promise<Translator> {
    const member = await deps.services.directory.getMember(workspaceId, userId).catch(() => null);
    return createTranslator(member?.locale);
  }

  async function workspaceName(workspaceId: string): Promise<string> {
    return (await deps.services.settings.workspaceName(workspaceId).catch(() => null)) ?? workspaceId;
  }

  /**
   * A workspace that uninstalled the app is told nothing (what its leaving sets off — Zoom's
   * deauthorization events — may reach any instance, whose client may still be cached).
   */
  const installed = (workspaceId: string) =>
    deps.services.lifecycle.isInstalled(workspaceId).catch(() => true);

  async function dm(
    workspaceId: string,
    userId: string,
    render: (t: Translator) => MessageView,
  ): Promise<MessageRef | null> {
    if (!(await installed(workspaceId))) return null;
    try {
      const client = await deps.clients.forWorkspace(workspaceId);
      const t = await translatorFor(workspaceId, userId);
      const opened = await client.conversations.open({ users: userId });
      const channel = opened.channel?.id;
      if (!channel) throw new Error('conversations.open returned no channel');
      const message = render(t);
      const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
      return { channel: posted.channel ?? channel, ts: posted.ts ?? '' };
    } catch (error) {
      logger.warn({ err: error, workspaceId, userId }, 'could not send a DM');
      return null;
    }
  }

  /** Rewrites a message the app sent, in its reader's language; false (logged) when Slack refused. */
  async function update(
    workspaceId: string,
    message: { userId: string; channel: string; ts: string },
    render: (t: Translator) => MessageView,
  ): Promise<boolean> {
    if (!message.ts || !(await installed(workspaceId))) return false;
    try {
      const client = await deps.clients.forWorkspace(workspaceId);
      const view = render(await translatorFor(workspaceId, message.userId));
      await client.chat.update({
        channel: message.channel,
        ts: message.ts,
        text: view.text,
        blocks: view.blocks,
      });
      return true;
    } catch (error) {
      logger.warn({ err: error, workspaceId, channel: message.channel }, 'could not update a message');
      return false;
    }
  }

  const refreshHome = async (workspaceId: string, userId: string) => {
    if (!(await installed(workspaceId))) return;
    await deps.home.publish(workspaceId, userId).catch((error: unknown) => {
      logger.warn({ err: error, workspaceId, userId }, 'could not refresh the Home tab');
    });
  };

  const alerts = createConnectionAlerts({ services: deps.services, dm, update, workspaceName, refreshHome });
  const approvals = createApprovalNotices({
    services: deps.services,
    dm,
    update,
    workspaceName,
    refreshHome,
    logger,
    reconnected: alerts,
  });

  const meetingNotices = createMeetingNotices({
    clients: deps.clients,
    logger,
    dm,
    update,
    refreshHome,
    memberStatus: (workspaceId, userId) =>
      deps.services.status.getStatus(workspaceId, userId).catch(() => null),
  });

  return {
    dm,
    translatorFor,
    workspaceName,
    ...approvals,
    ...meetingNotices,

    settingsChanged: (workspaceId, actorId, change) =>
      tellSettingsChange(
        { dm, workspaceName, refreshHome, directory: deps.services.directory },
        {
          workspaceId,
          actorId,
          change,
        },
      ),

    async orgConnectionLost(event) {
      await alerts.orgConnectionLost(event);
      await meetingNotices.tellHosts(event);
    },

    personalConnectionLost: (event) => alerts.personalConnectionLost(event),
  };
}
