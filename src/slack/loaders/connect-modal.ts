/**
 * The Connect modal's model, shared by the command that opens it, the buttons that open it from
 * Home and DMs, the radios that re-render it and its submission.
 */
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import type { Actor } from '../runtime.js';
import type { ConnectModalModel, ConnectScope } from '../views/index.js';

/** What the Connect modal carries between renders (parsed back with zod: it crossed Slack). */
export const connectMetadataSchema = z.object({
  locked: z.boolean(),
  scope: z.enum(['org', 'personal']).nullable(),
  channel: z.string().max(64).optional(),
});
export type ConnectMetadata = z.infer<typeof connectMetadataSchema>;

export async function connectModalModel(
  services: Services,
  actor: Actor,
  choice: { scope: ConnectScope | null; orgPath: 'self' | 'send' | null; locked: boolean },
  metadata: ConnectMetadata,
): Promise<ConnectModalModel> {
  const [org, personal, name] = await Promise.all([
    services.connections.getOrg(actor.workspaceId),
    services.connections.getPersonal(actor.workspaceId, actor.userId),
    services.settings.workspaceName(actor.workspaceId),
  ]);
  return {
    isAdmin: actor.isAdmin,
    workspaceName: name ?? actor.workspaceId,
    scope: actor.isAdmin ? choice.scope : 'personal',
    orgPath: choice.orgPath,
    scopeLocked: choice.locked,
    org: org ? { status: org.status, zoomEmail: org.zoomEmail } : null,
    personal: personal
      ? { status: personal.status, zoomEmail: personal.zoomEmail }
      : { status: 'none', zoomEmail: null },
    privateMetadata: JSON.stringify(metadata),
  };
}

/** `private_metadata` crossed Slack: parsed back with zod, null when it does not fit. */
export function parseConnectMetadata(raw: string | undefined) {
  try {
    const parsed = connectMetadataSchema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
