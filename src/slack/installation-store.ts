/**
 * Bolt's InstallationStore in MongoDB (multi-workspace mode). Tokens inside the installation are
 * encrypted before storing. Enterprise Grid org-wide installs are keyed by the enterprise id (Bolt
 * asks for them with `isEnterpriseInstall: true` and the enterprise, whichever workspace the request
 * came from); `fetchForWorkspace` finds the installation serving one workspace for our own calls.
 * The stored installation is re-validated with zod when read back (it crossed a boundary).
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Model } from 'mongoose';
import { z } from 'zod';
import type { TokenCipher } from '../crypto/token-cipher.js';
import type { SlackInstallationDoc } from '../db/models/index.js';
import { installationSeal } from '../db/sealed-fields.js';
import type { Logger } from '../logger.js';
import type { WorkspaceInstallations } from './clients.js';

/** Seals tokens bound to their installation (src/crypto's TokenCipher). */
export type SecretBox = Pick<TokenCipher, 'seal' | 'open'>;

/** The installation key: one workspace, or one enterprise for an org-wide install. */
export function installationKey(query: {
  isEnterpriseInstall?: boolean | undefined;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}): { workspaceId: string; enterpriseId: string | null } {
  if (query.isEnterpriseInstall && query.enterpriseId) {
    return { workspaceId: query.enterpriseId, enterpriseId: query.enterpriseId };
  }
  if (!query.teamId) throw new Error('installation query without a team id');
  return { workspaceId: query.teamId, enterpriseId: query.enterpriseId ?? null };
}

const tokenFields = ['token', 'refreshToken'] as const;

const storedInstallation = z
  .object({
    team: z.object({ id: z.string(), name: z.string().optional() }).optional(),
    enterprise: z.object({ id: z.string(), name: z.string().optional() }).optional(),
    user: z.object({
      id: z.string(),
      token: z.string().optional(),
      refreshToken: z.string().optional(),
      expiresAt: z.number().optional(),
      scopes: z.array(z.string()).optional(),
    }),
    bot: z
      .object({
        id: z.string(),
        userId: z.string(),
        token: z.string(),
        refreshToken: z.string().optional(),
        expiresAt: z.number().optional(),
        scopes: z.array(z.string()),
      })
      .optional(),
    appId: z.string().optional(),
    isEnterpriseInstall: z.boolean().optional(),
    tokenType: z.literal('bot').optional(),
    authVersion: z.enum(['v1', 'v2']).optional(),
    enterpriseUrl: z.string().optional(),
  })
  .loose();

export type MongoInstallationStore = InstallationStore &
  WorkspaceInstallations & {
    deleteByWorkspace(workspaceId: string): Promise<void>;
  };

export function createMongoInstallationStore(deps: {
  installations: Model<SlackInstallationDoc>;
  box: SecretBox;
  logger: Logger;
  clock?: () => Date;
}): MongoInstallationStore {
  const clock = deps.clock ?? (() => new Date());
  /** Seals (or opens) the token fields of one part (`bot` / `user`) of an installation. */
  const mapTokens = (
    part: Record<string, unknown> | undefined,
    path: 'bot' | 'user',
    transform: (value: string, field: string) => string,
  ) => {
    if (!part) return part;
    const copy: Record<string, unknown> = { ...part };
    for (const field of tokenFields) {
      const value = copy[field];
      if (typeof value === 'string' && value !== '')
        copy[field] = transform(value, `installation.${path}.${field}`);
    }
    return copy;
  };

  /** A stored installation, checked again (it crossed a boundary) with its tokens opened. */
  const openInstallation = (
    stored: Record<string, unknown>,
    key: { workspaceId: string; enterpriseId: string | null },
  ): Installation => {
    const parsed = storedInstallation.parse(stored);
    const openWith = (value: string, field: string) => deps.box.open(value, installationSeal(key, field));
    return {
      ...parsed,
      user: mapTokens(parsed.user, 'user', openWith),
      bot: mapTokens(parsed.bot, 'bot', openWith),
    } as unknown as Installation;
  };

  return {
    async storeInstallation(installation: Installation) {
      const key = installationKey({
        isEnterpriseInstall: installation.isEnterpriseInstall,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      const sealWith = (value: string, field: string) => deps.box.seal(value, installationSeal(key, field));
      const sealed = {
        ...installation,
        user: mapTokens(installation.user as unknown as Record<string, unknown>, 'user', sealWith),
        bot: mapTokens(installation.bot as unknown as Record<string, unknown> | undefined, 'bot', sealWith),
      };
      const now = clock();
      await deps.installations.updateOne(
        key,
        {
          $set: {
            installation: JSON.parse(JSON.stringify(sealed)),
            updatedAt: now,
            isEnterpriseInstall: !!installation.isEnterpriseInstall,
          },
          $setOnInsert: { installedAt: now },
        },
        { upsert: true },
      );
      deps.logger.info({ workspaceId: key.workspaceId }, 'Slack installation stored');
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const key = installationKey(query);
      const doc = await deps.installations.findOne(key).lean();
      if (!doc) throw new Error(`No installation for ${query.isEnterpriseInstall ? 'enterprise' : 'team'}`);
      return openInstallation(doc.installation, key);
    },

    async fetchForWorkspace(workspaceId, enterpriseId) {
      // A workspace's own installation first (team ids are unique, so its enterprise need not be known).
      const own = await deps.installations.findOne({ workspaceId, isEnterpriseInstall: false }).lean();
      if (own) {
        return openInstallation(own.installation, { workspaceId, enterpriseId: own.enterpriseId ?? null });
      }
      if (enterpriseId === undefined) throw new Error('No installation for team');
      const key = installationKey({ isEnterpriseInstall: true, enterpriseId });
      const orgWide = await deps.installations.findOne(key).lean();
      if (!orgWide) throw new Error('No installation for team or its enterprise');
      return openInstallation(orgWide.installation, key);
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      await deps.installations.deleteOne(installationKey(query));
    },

    async deleteByWorkspace(workspaceId: string) {
      await deps.installations.deleteMany({ workspaceId });
    },
  };
}
