/** The Zoom stand-in's starting world (accounts, users, apps), validated with zod. */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const roleName = z.string().min(1);

/**
 * Strict objects: a misspelt key (`userz`, `clientId`) would otherwise be dropped silently and the
 * stand-in would start with no users or apps. Emails, user ids and client ids must be unique, since
 * the stand-in looks users up by email or id and apps by client id.
 */
export const zoomSeedSchema = z
  .strictObject({
    account: z
      .strictObject({ id: z.string().min(1), name: z.string().min(1) })
      .default({ id: 'acme', name: 'Acme' }),
    users: z
      .array(
        z.strictObject({
          email: z.email(),
          first_name: z.string().default(''),
          last_name: z.string().default(''),
          role_name: roleName.default('Member'),
          status: z.enum(['active', 'inactive', 'pending']).default('active'),
          id: z.string().min(1).optional(),
          type: z.number().int().default(2),
          timezone: z.string().default('UTC'),
        }),
      )
      .default([]),
    apps: z
      .array(
        z.strictObject({
          name: z.string().default('Zoom app'),
          /** `admin`: admin-managed (only Owner/Admin may install); `user`: user-managed. */
          kind: z.enum(['admin', 'user']),
          client_id: z.string().min(1),
          client_secret: z.string().min(1),
          webhook_secret: z.string().min(1),
          /** Allowed redirect URIs; when empty, any loopback http(s) URI is allowed. */
          redirect_uris: z.array(z.url()).default([]),
          scopes: z.array(z.string()).optional(),
        }),
      )
      .default([]),
    /** Where webhook events go (e.g. `http://127.0.0.1:3000/zoom/webhooks`). */
    webhook_target: z.url().optional(),
    meeting_daily_limit: z.number().int().positive().default(100),
  })
  .superRefine((seed, ctx) => {
    const duplicates = (values: Array<string | undefined>, path: 'users' | 'apps', field: string) => {
      const seen = new Set<string>();
      values.forEach((value, index) => {
        if (value === undefined) return;
        if (seen.has(value)) {
          ctx.addIssue({
            code: 'custom',
            path: [path, index, field],
            message: `duplicate ${field} ${JSON.stringify(value)}`,
          });
        }
        seen.add(value);
      });
    };
    duplicates(
      seed.users.map((user) => user.email.toLowerCase()),
      'users',
      'email',
    );
    duplicates(
      seed.users.map((user) => user.id),
      'users',
      'id',
    );
    duplicates(
      seed.apps.map((app) => app.client_id),
      'apps',
      'client_id',
    );
  });

export type ZoomSeed = z.input<typeof zoomSeedSchema>;
export type ParsedZoomSeed = z.output<typeof zoomSeedSchema>;

/** Shared with the Slack stand-in's default workspace (same people, same emails). */
export const DEFAULT_ZOOM_SEED: ZoomSeed = {
  account: { id: 'acme', name: 'Acme' },
  users: [
    { email: 'owner@acme.test', first_name: 'Olivia', last_name: 'Owner', role_name: 'Owner', type: 2 },
    { email: 'zoom-admin@acme.test', first_name: 'Zed', last_name: 'Admin', role_name: 'Admin', type: 2 },
    {
      email: 'slack-admin@acme.test',
      first_name: 'Sam',
      last_name: 'Slackadmin',
      role_name: 'Member',
      type: 2,
    },
    { email: 'alice@acme.test', first_name: 'Alice', last_name: 'Anders', role_name: 'Member', type: 2 },
    { email: 'bob@acme.test', first_name: 'Bob', last_name: 'Berg', role_name: 'Member', type: 1 },
  ],
  apps: [
    {
      name: 'Zoom for Slack (organization)',
      kind: 'admin',
      client_id: 'org-app',
      client_secret: 'org-secret',
      webhook_secret: 'org-webhook-secret',
    },
    {
      name: 'Zoom for Slack (personal)',
      kind: 'user',
      client_id: 'user-app',
      client_secret: 'user-secret',
      webhook_secret: 'user-webhook-secret',
    },
  ],
};

export function parseZoomSeed(value: unknown): ParsedZoomSeed {
  const parsed = zoomSeedSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`Invalid Zoom seed: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export async function loadZoomSeedFile(path: string): Promise<ParsedZoomSeed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read Zoom seed file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`Zoom seed file ${path} is not valid JSON`);
  }
  return parseZoomSeed(json);
}
