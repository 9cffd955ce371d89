/** The Settings modal, admins only (the command and the Home button open it). */
import { ServiceError, type Services } from '../../services/index.js';
import { toSettingsModel } from '../mappers.js';
import type { Actor } from '../runtime.js';
import { settingsModal } from '../views/index.js';

export async function settingsModalFor(services: Services, actor: Actor) {
  if (!actor.isAdmin) throw new ServiceError('not_admin', 'Only Slack admins can change the settings.');
  const [settings, name, optedOutMembers] = await Promise.all([
    services.settings.get(actor.workspaceId),
    services.settings.workspaceName(actor.workspaceId),
    services.settings.optedOutCount(actor.workspaceId),
  ]);
  return settingsModal({ ...toSettingsModel(settings, name ?? actor.workspaceId), optedOutMembers }, actor.t);
}
