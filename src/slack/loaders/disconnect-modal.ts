/** The Disconnect modal's model: what this person may disconnect now, and the impact preview. */
import type { Services } from '../../services/index.js';
import type { Actor } from '../runtime.js';
import type { DisconnectChoice, DisconnectModalModel } from '../views/index.js';

export async function disconnectModalModel(
  services: Services,
  actor: Actor,
  selected: DisconnectChoice | null,
): Promise<DisconnectModalModel> {
  const [org, personal, settings, member] = await Promise.all([
    services.connections.getOrg(actor.workspaceId),
    services.connections.getPersonal(actor.workspaceId, actor.userId),
    services.settings.get(actor.workspaceId),
    services.directory.getMember(actor.workspaceId, actor.userId),
  ]);
  // The impact preview is read only when the admin picks "organization" (it counts members).
  const impact =
    selected === 'org' && actor.isAdmin && org && org.status !== 'disconnected'
      ? await services.connectionLoss.preview(actor.workspaceId, actor.userId)
      : null;
  return {
    isAdmin: actor.isAdmin,
    personal: personal
      ? { status: personal.status, zoomEmail: personal.zoomEmail }
      : { status: 'none', zoomEmail: null },
    org: org ? { status: org.status, zoomEmail: org.zoomEmail } : null,
    optOut: { allowed: settings.allowUserOptOut, optedOut: member?.optedOut ?? false },
    selected,
    impact: impact
      ? {
          members: impact.membersRelying,
          upcomingMeetings: impact.upcomingMeetings,
          meetings: impact.keepWorking.map((m) => ({
            topic: m.topic,
            startTime: m.startTime,
            joinUrl: m.joinUrl,
            slackUserId: m.slackUserId,
          })),
          lastCheckedAt: impact.lastCheckedAt,
        }
      : null,
  };
}
