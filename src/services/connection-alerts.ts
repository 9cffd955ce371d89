/**
 * The alert DMs sent when a connection stops (issue 17 §3): recorded on the connection, and taken
 * back — once, atomically, so two instances never both rewrite them — when it works again, so
 * a "Reconnect" button does not outlive the problem it was for.
 */
import type { Models, SentMessage } from '../db/models/index.js';
import { checkUserId, checkWorkspaceId } from './guard.js';

export type AlertSubject = { kind: 'org' } | { kind: 'personal'; slackUserId: string };

export interface ConnectionAlertsService {
  record(workspaceId: string, subject: AlertSubject, messages: SentMessage[]): Promise<void>;
  /** The alerts recorded since it stopped, removed from the record (an empty list when none). */
  take(workspaceId: string, subject: AlertSubject): Promise<SentMessage[]>;
}

const MAX_ALERTS = 50;

export function createConnectionAlertsService(models: Models): ConnectionAlertsService {
  const target = (workspaceId: string, subject: AlertSubject) => {
    checkWorkspaceId(workspaceId);
    if (subject.kind === 'org') return { model: models.orgConnections, filter: { workspaceId } };
    checkUserId(subject.slackUserId);
    return { model: models.personalConnections, filter: { workspaceId, slackUserId: subject.slackUserId } };
  };
  return {
    async record(workspaceId, subject, messages) {
      if (messages.length === 0) return;
      const { model, filter } = target(workspaceId, subject);
      await (model as typeof models.personalConnections).updateOne(filter, {
        $push: { alerts: { $each: messages, $slice: -MAX_ALERTS } },
      });
    },
    async take(workspaceId, subject) {
      const { model, filter } = target(workspaceId, subject);
      const before = await (model as typeof models.personalConnections)
        .findOneAndUpdate(
          { ...filter, 'alerts.0': { $exists: true } },
          { $unset: { alerts: '' } },
          { projection: { alerts: 1 } },
        )
        .lean();
      return before?.alerts ?? [];
    },
  };
}
