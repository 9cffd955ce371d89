/**
 * The whole environment of DESIGN §2.3 as one zod schema. `loadConfig(source)` infers the Slack
 * mode from which variables are present, validates everything for that mode, and either returns a
 * typed config or throws a ConfigError listing every problem on its own line.
 */
import { z } from 'zod';
import { type EncryptionKey, parseEncryptionKeys } from './crypto/token-cipher.js';

export type SlackMode = 'single' | 'socket' | 'multi';

export const SLACK_MODE_LABEL: Record<SlackMode, string> = {
  single: 'single workspace over HTTP',
  socket: 'Socket Mode (single workspace)',
  multi: 'multi-workspace (Slack OAuth install)',
};

export type { EncryptionKey };

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
  /** The internal Prometheus listener (never on `port`). */
  metrics: { port: number; host: string };
  /** Personal data of an uninstalled workspace is deleted after this many days. */
  dataRetentionDays: number;
  /** How long a personal connect link works (DESIGN §2.2: 30 minutes by default). */
  personalLinkTtlMinutes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  nodeEnv: 'production' | 'development' | 'test';
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

const encryptionKeys = requiredText.transform((value, ctx) => {
  try {
    return parseEncryptionKeys(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `malformed: ${(error as Error).message}` });
    return z.NEVER;
  }
});

const portNumber = (fallback: string) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? fallback : v),
    z.coerce
      .number({ error: 'malformed: must be a port number' })
      .int('malformed: must be a whole number')
      .min(0, 'malformed: must be between 0 and 65535')
      .max(65535, 'malformed: must be between 0 and 65535'),
  );

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
  PORT: portNumber('3000'),
  METRICS_PORT: portNumber('9464'),
  METRICS_HOST: z.preprocess(
    (v) => (v === undefined || v === '' ? '127.0.0.1' : v),
    z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/, 'malformed: a host name or IP address to bind to'),
  ),
  DATA_RETENTION_DAYS: z.preprocess(
    (v) => (v === undefined || v === '' ? '30' : v),
    z.coerce
      .number({ error: 'malformed: must be a number of days' })
      .int('malformed: must be a whole number of days')
      .min(1, 'malformed: at least 1 day')
      .max(3650, 'malformed: at most 3650 days'),
  ),
  PERSONAL_LINK_TTL_MINUTES: z.preprocess(
    (v) => (v === undefined || v === '' ? '30' : v),
    z.coerce
      .number({ error: 'malformed: must be a number of minutes' })
      .int('malformed: must be a whole number of minutes')
      .min(5, 'malformed: at least 5 minutes')
      .max(24 * 60, 'malformed: at most 1440 minutes'),
  ),
  NODE_ENV: z.preprocess(
    (v) => (v === undefined || v === '' ? 'production' : v),
    z.enum(['production', 'development', 'test'], { error: 'malformed: production, development or test' }),
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
  const result = schema.superRefine(crossChecks).safeParse(source);
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
    metrics: { port: env.METRICS_PORT, host: env.METRICS_HOST },
    dataRetentionDays: env.DATA_RETENTION_DAYS,
    personalLinkTtlMinutes: env.PERSONAL_LINK_TTL_MINUTES,
    logLevel: env.LOG_LEVEL,
    nodeEnv: env.NODE_ENV,
  };
}

/**
 * Rules across variables (issue 13): links and cookies are only safe over https, so plain http is
 * for development and tests only; the two Zoom apps must not share a webhook secret, or an event
 * signed for one app would be taken for the other.
 */
function crossChecks(
  env: {
    PUBLIC_URL?: unknown;
    NODE_ENV?: unknown;
    ZOOM_ORG_WEBHOOK_SECRET?: unknown;
    ZOOM_USER_WEBHOOK_SECRET?: unknown;
  },
  ctx: z.RefinementCtx,
): void {
  if (
    typeof env.PUBLIC_URL === 'string' &&
    env.PUBLIC_URL.startsWith('http://') &&
    env.NODE_ENV !== 'development' &&
    env.NODE_ENV !== 'test'
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['PUBLIC_URL'],
      message: 'must be https (plain http only with NODE_ENV=development or test)',
    });
  }
  if (
    typeof env.ZOOM_ORG_WEBHOOK_SECRET === 'string' &&
    env.ZOOM_ORG_WEBHOOK_SECRET === env.ZOOM_USER_WEBHOOK_SECRET
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['ZOOM_USER_WEBHOOK_SECRET'],
      message: 'must differ from ZOOM_ORG_WEBHOOK_SECRET (each Zoom app has its own secret token)',
    });
  }
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
