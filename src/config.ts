/**
 * The whole environment of DESIGN §2.3 as one zod schema. `loadConfig(source)` infers the Slack
 * mode from which variables are present, validates everything for that mode, and either returns a
 * typed config or throws a ConfigError listing every problem on its own line.
 */
import { z } from 'zod';

export type SlackMode = 'single' | 'socket' | 'multi';

export const SLACK_MODE_LABEL: Record<SlackMode, string> = {
  single: 'single workspace over HTTP',
  socket: 'Socket Mode (single workspace)',
  multi: 'multi-workspace (Slack OAuth install)',
};

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

export type SlackConfig =
  | { mode: 'single'; signingSecret: string; botToken: string; apiUrl: string }
  | { mode: 'socket'; appToken: string; botToken: string; signingSecret?: string | undefined; apiUrl: string }
  | {
      mode: 'multi';
      signingSecret: string;
      clientId: string;
      clientSecret: string;
      stateSecret: string;
      apiUrl: string;
    };

export interface ZoomAppConfig {
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
}

export interface Config {
  slack: SlackConfig;
  zoom: { oauthUrl: string; apiUrl: string; org: ZoomAppConfig; user: ZoomAppConfig };
  publicUrl: string;
  /** Unset: the embedded database (mongodb-memory-server, data under `.data/`). */
  mongodbUri?: string | undefined;
  encryptionKeys: EncryptionKey[];
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  readonly problems: readonly string[];
  readonly mode: SlackMode;

  constructor(mode: SlackMode, problems: string[]) {
    super(
      [
        `Invalid configuration (mode inferred: ${SLACK_MODE_LABEL[mode]}):`,
        ...problems.map((p) => `  - ${p}`),
        'See README.md "Configuration"; to try the app without any account, run: npm run sandbox',
      ].join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = problems;
    this.mode = mode;
  }
}

// An empty string in the environment means "not set".
const optionalText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().trim().optional(),
);
const requiredText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string({ error: (issue) => (issue.input === undefined ? 'missing' : 'must be a string') }).trim(),
);

function prefixed(prefix: string, hint: string) {
  return requiredText.refine((v) => v.startsWith(prefix), { message: `malformed: ${hint}` });
}

const httpUrl = (hint: string) =>
  requiredText.refine(
    (v) => {
      try {
        const url = new URL(v);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: `malformed: ${hint}` },
  );

const withDefault = (value: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v : value), httpUrl('an http(s) URL'));

export function parseEncryptionKeys(value: string): EncryptionKey[] {
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (entries.length === 0) throw new Error('no key given');
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const material = colon > 0 ? entry.slice(colon + 1) : '';
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new Error(`entry ${index + 1}: expected "id:base64key" with an id of letters, digits, - or _`);
    }
    if (seen.has(id)) throw new Error(`entry ${index + 1}: key id "${id}" appears twice`);
    seen.add(id);
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32 || !/^[A-Za-z0-9+/=_-]+$/.test(material)) {
      // Never echo key material, only what is wrong with it.
      throw new Error(`key "${id}": must be 32 bytes encoded in base64 (got ${key.length} bytes)`);
    }
    return { id, key };
  });
}

const encryptionKeys = requiredText.transform((value, ctx) => {
  try {
    return parseEncryptionKeys(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `malformed: ${(error as Error).message}` });
    return z.NEVER;
  }
});

const common = {
  SLACK_API_URL: withDefault('https://slack.com/api/'),
  ZOOM_ORG_CLIENT_ID: requiredText,
  ZOOM_ORG_CLIENT_SECRET: requiredText,
  ZOOM_ORG_WEBHOOK_SECRET: requiredText,
  ZOOM_USER_CLIENT_ID: requiredText,
  ZOOM_USER_CLIENT_SECRET: requiredText,
  ZOOM_USER_WEBHOOK_SECRET: requiredText,
  ZOOM_OAUTH_URL: withDefault('https://zoom.us'),
  ZOOM_API_URL: withDefault('https://api.zoom.us/v2'),
  PUBLIC_URL: httpUrl('an http(s) URL such as https://zoom-connect.example.com'),
  MONGODB_URI: optionalText.refine((v) => v === undefined || /^mongodb(\+srv)?:\/\//.test(v), {
    message: 'malformed: must start with mongodb:// or mongodb+srv://',
  }),
  TOKEN_ENCRYPTION_KEYS: encryptionKeys,
  PORT: z.preprocess(
    (v) => (v === undefined || v === '' ? '3000' : v),
    z.coerce
      .number({ error: 'malformed: must be a port number' })
      .int('malformed: must be a whole number')
      .min(0, 'malformed: must be between 0 and 65535')
      .max(65535, 'malformed: must be between 0 and 65535'),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (v === undefined || v === '' ? 'info' : v),
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'malformed: one of fatal, error, warn, info, debug, trace, silent',
    }),
  ),
};

const slackSchemas = {
  single: z.object({
    SLACK_SIGNING_SECRET: requiredText,
    SLACK_BOT_TOKEN: prefixed('xoxb-', 'a bot token starts with xoxb-'),
  }),
  socket: z.object({
    SLACK_APP_TOKEN: prefixed('xapp-', 'an app-level token starts with xapp-'),
    SLACK_BOT_TOKEN: prefixed('xoxb-', 'a bot token starts with xoxb-'),
    SLACK_SIGNING_SECRET: optionalText,
  }),
  multi: z.object({
    SLACK_SIGNING_SECRET: requiredText,
    SLACK_CLIENT_ID: requiredText,
    SLACK_CLIENT_SECRET: requiredText,
    SLACK_STATE_SECRET: requiredText.refine((v) => v.length >= 16, {
      message: 'malformed: use at least 16 random characters',
    }),
  }),
};

export type EnvSource = Readonly<Record<string, string | undefined>>;

export function inferSlackMode(source: EnvSource): SlackMode {
  const present = (name: string) => (source[name] ?? '').trim() !== '';
  if (present('SLACK_APP_TOKEN')) return 'socket';
  if (!present('SLACK_BOT_TOKEN') && (present('SLACK_CLIENT_ID') || present('SLACK_CLIENT_SECRET'))) {
    return 'multi';
  }
  return 'single';
}

export interface LoadConfigOptions {
  /** The sandbox generates its own keys, so TOKEN_ENCRYPTION_KEYS may be absent there. */
  sandbox?: boolean;
}

export function loadConfig(source: EnvSource, options: LoadConfigOptions = {}): Config {
  const mode = inferSlackMode(source);
  const schema = z.object({
    ...common,
    ...slackSchemas[mode].shape,
    ...(options.sandbox ? { TOKEN_ENCRYPTION_KEYS: encryptionKeys.optional() } : {}),
  });
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = new Map<string, string>();
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      if (!problems.has(name)) problems.set(name, `${name}: ${issue.message}`);
    }
    throw new ConfigError(mode, [...problems.values()]);
  }
  const env = result.data as z.infer<typeof schema> & Record<string, unknown>;
  return {
    slack: slackConfig(mode, env),
    zoom: {
      oauthUrl: stripTrailingSlash(env.ZOOM_OAUTH_URL),
      apiUrl: stripTrailingSlash(env.ZOOM_API_URL),
      org: {
        clientId: env.ZOOM_ORG_CLIENT_ID,
        clientSecret: env.ZOOM_ORG_CLIENT_SECRET,
        webhookSecret: env.ZOOM_ORG_WEBHOOK_SECRET,
      },
      user: {
        clientId: env.ZOOM_USER_CLIENT_ID,
        clientSecret: env.ZOOM_USER_CLIENT_SECRET,
        webhookSecret: env.ZOOM_USER_WEBHOOK_SECRET,
      },
    },
    publicUrl: stripTrailingSlash(env.PUBLIC_URL),
    mongodbUri: env.MONGODB_URI,
    encryptionKeys: (env.TOKEN_ENCRYPTION_KEYS as EncryptionKey[] | undefined) ?? [],
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
  };
}

function slackConfig(mode: SlackMode, env: Record<string, unknown>): SlackConfig {
  const text = (name: string) => env[name] as string;
  const apiUrl = text('SLACK_API_URL').endsWith('/') ? text('SLACK_API_URL') : `${text('SLACK_API_URL')}/`;
  switch (mode) {
    case 'single':
      return { mode, signingSecret: text('SLACK_SIGNING_SECRET'), botToken: text('SLACK_BOT_TOKEN'), apiUrl };
    case 'socket':
      return {
        mode,
        appToken: text('SLACK_APP_TOKEN'),
        botToken: text('SLACK_BOT_TOKEN'),
        signingSecret: env.SLACK_SIGNING_SECRET as string | undefined,
        apiUrl,
      };
    case 'multi':
      return {
        mode,
        signingSecret: text('SLACK_SIGNING_SECRET'),
        clientId: text('SLACK_CLIENT_ID'),
        clientSecret: text('SLACK_CLIENT_SECRET'),
        stateSecret: text('SLACK_STATE_SECRET'),
        apiUrl,
      };
  }
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Every secret value of a config, so the logger can scrub them wherever they appear. */
export function secretValues(config: Config): string[] {
  const slack = config.slack;
  const values = [
    'signingSecret' in slack ? slack.signingSecret : undefined,
    'botToken' in slack ? slack.botToken : undefined,
    'appToken' in slack ? slack.appToken : undefined,
    'clientSecret' in slack ? slack.clientSecret : undefined,
    'stateSecret' in slack ? slack.stateSecret : undefined,
    config.zoom.org.clientSecret,
    config.zoom.org.webhookSecret,
    config.zoom.user.clientSecret,
    config.zoom.user.webhookSecret,
    ...config.encryptionKeys.map((k) => k.key.toString('base64')),
    config.mongodbUri && /\/\/[^@/]+@/.test(config.mongodbUri) ? config.mongodbUri : undefined,
  ];
  return values.filter((v): v is string => typeof v === 'string' && v.length >= 6);
}
