/** The Zoom stand-in's starting world (accounts, users, apps), validated with zod. */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { BUILT_IN_ROLE_NAMES } from './roles.js';

const roleName = z.string().min(1);

const userSchema = z.strictObject({
  email: z.email(),
  first_name: z.string().default(''),
  last_name: z.string().default(''),
  /** `Owner`, `Admin`, `Member` or a custom role of the user's account. */
  role_name: roleName.default('Member'),
  status: z.enum(['active', 'inactive', 'pending']).default('active'),
  id: z.string().min(1).optional(),
  type: z.number().int().default(2),
  timezone: z.string().default('UTC'),
});

/** A custom role: a name and the privileges it grants (`User:Read`, `Meeting:Edit`, ...). */
const customRoleSchema = z.strictObject({
  name: roleName.refine((name) => !BUILT_IN_ROLE_NAMES.has(name), 'Owner, Admin and Member are built in'),
  id: z.string().min(1).optional(),
  privileges: z.array(z.string().min(1)).default([]),
});

const accountSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  roles: z.array(customRoleSchema).default([]),
});

/**
 * Strict objects: a misspelt key (`userz`, `clientId`) would otherwise be dropped silently and the
 * stand-in would start with no users or apps. Emails, user ids, account ids and client ids must be
 * unique (across accounts too: a Zoom email belongs to one account), and every user's role must
 * exist in the user's account.
 */
export const zoomSeedSchema = z
  .strictObject({
    /** The first account; `users` belong to it. */
    account: accountSchema.default({ id: 'acme', name: 'Acme', roles: [] }),
    users: z.array(userSchema).default([]),
    /** Further accounts, each with its own users and custom roles. */
    accounts: z.array(accountSchema.extend({ users: z.array(userSchema).default([]) })).default([]),
    apps: z
      .array(
        z.strictObject({
          name: z.string().default('Zoom app'),
          /** `admin`: admin-managed (only an account admin may install); `user`: user-managed. */
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
    const duplicates = (
      values: Array<{ value: string | undefined; path: Array<string | number> }>,
      field: string,
    ) => {
      const seen = new Set<string>();
      for (const { value, path } of values) {
        if (value === undefined) continue;
        if (seen.has(value)) {
          ctx.addIssue({ code: 'custom', path, message: `duplicate ${field} ${JSON.stringify(value)}` });
        }
        seen.add(value);
      }
    };
    const accounts = [
      { account: seed.account, users: seed.users, path: [] as Array<string | number> },
      ...seed.accounts.map((account, index) => ({
        account,
        users: account.users,
        path: ['accounts', index],
      })),
    ];
    const users = accounts.flatMap(({ users: list, path }) =>
      list.map((user, index) => ({ user, path: [...path, 'users', index] })),
    );
    duplicates(
      users.map(({ user, path }) => ({ value: user.email.toLowerCase(), path: [...path, 'email'] })),
      'email',
    );
    duplicates(
      users.map(({ user, path }) => ({ value: user.id, path: [...path, 'id'] })),
      'id',
    );
    duplicates(
      accounts.map(({ account, path }) => ({
        value: account.id,
        path: [...(path.length ? path : ['account']), 'id'],
      })),
      'account id',
    );
    duplicates(
      seed.apps.map((app, index) => ({ value: app.client_id, path: ['apps', index, 'client_id'] })),
      'client_id',
    );
    for (const { account, users: list, path } of accounts) {
      const rolesPath = path.length ? [...path, 'roles'] : ['account', 'roles'];
      duplicates(
        account.roles.map((role, index) => ({ value: role.name, path: [...rolesPath, index, 'name'] })),
        'role name',
      );
      const known = new Set([...BUILT_IN_ROLE_NAMES, ...account.roles.map((role) => role.name)]);
      list.forEach((user, index) => {
        if (!known.has(user.role_name)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'users', index, 'role_name'],
            message: `role ${JSON.stringify(user.role_name)} is not a role of account ${account.id}`,
          });
        }
      });
    }
  });

export type ZoomSeed = z.input<typeof zoomSeedSchema>;
export type ParsedZoomSeed = z.output<typeof zoomSeedSchema>;

/**
 * A custom admin role: Zoom lets its holder install the admin-managed app and make admin calls
 * because of its privileges (see roles.ts). Nobody holds it at start; give it to someone with
 * `PATCH /_sandbox/users/<email> {"role_name":"IT Admin"}` or the sandbox UI's Zoom panel.
 */
const IT_ADMIN = { name: 'IT Admin', privileges: ['User:Read', 'User:Edit', 'Meeting:Read', 'Meeting:Edit'] };

/**
 * The sandbox's Zoom: the people of the Slack stand-in's default workspace (same emails and the
 * same names as their Slack `real_name`, sandbox/slack/seed.ts; Carol deliberately has no Zoom
 * user), and a second account, Globex, whose Owner can try to approve for Acme (cross-account).
 */
export const DEFAULT_ZOOM_SEED: ZoomSeed = {
  account: { id: 'acme', name: 'Acme', roles: [IT_ADMIN] },
  users: [
    { email: 'owner@acme.test', first_name: 'Olivia', last_name: 'Owner', role_name: 'Owner', type: 2 },
    { email: 'zoom-admin@acme.test', first_name: 'Zoe', last_name: 'Zoomadmin', role_name: 'Admin', type: 2 },
    { email: 'slack-admin@acme.test', first_name: 'Sam', last_name: 'Admin', role_name: 'Member', type: 2 },
    { email: 'alice@acme.test', first_name: 'Alice', last_name: 'Martin', role_name: 'Member', type: 2 },
    { email: 'bob@acme.test', first_name: 'Bob', last_name: 'Dupont', role_name: 'Member', type: 1 },
  ],
  accounts: [
    {
      id: 'globex',
      name: 'Globex',
      roles: [IT_ADMIN],
      users: [
        {
          email: 'owner@globex.test',
          first_name: 'Gloria',
          last_name: 'Globex',
          role_name: 'Owner',
          type: 2,
        },
        { email: 'gus@globex.test', first_name: 'Gus', last_name: 'Green', role_name: 'Member', type: 1 },
      ],
    },
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
