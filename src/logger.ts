/**
 * The one pino logger. Secrets are removed wherever they appear in what is logged:
 * - values under keys that name a secret (token, secret, authorization, cookie, password, key…),
 *   at any depth, including inside arrays and errors;
 * - strings that look like a credential (Slack tokens, Bearer/Basic headers, sealed ciphertexts);
 * - any exact secret value the app knows from its configuration (passed as `secrets`).
 * Pretty output only on a TTY.
 */
import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export const REDACTED = '[redacted]';

const SECRET_KEY =
  /(token|secret|password|passwd|authorization|cookie|signature|api[-_]?key|private[-_]?key|encryption[-_]?keys?|code_?verifier|credential|^key$)/i;

const SECRET_PATTERNS: RegExp[] = [
  /\bxox[abeopr]-[A-Za-z0-9-]+/g, // Slack bot/user/app tokens
  /\bxapp-[A-Za-z0-9-]+/g, // Slack app-level tokens
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, // Authorization header values
  /\bv1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+/g, // sealed tokens
  /(?<=[?&](?:code|state|token|access_token|refresh_token)=)[^&\s"']+/g, // OAuth values in URLs
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/g, // JWT-shaped tokens (Zoom's)
];

export interface LoggerOptions {
  level?: string;
  /** Exact values to scrub wherever they appear (the app's configured secrets). */
  secrets?: readonly string[];
  /** Where to write; defaults to stdout (pretty on a TTY). Tests pass a stream. */
  destination?: DestinationStream;
  name?: string;
}

export function createScrubber(secrets: readonly string[] = []) {
  const known = [...new Set(secrets.filter((s) => s.length >= 6))].sort((a, b) => b.length - a.length);

  function scrubString(value: string): string {
    let out = value;
    for (const secret of known) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, REDACTED);
    return out;
  }

  function scrub(value: unknown, seen: WeakSet<object> = new WeakSet(), depth = 0): unknown {
    if (typeof value === 'string') return scrubString(value);
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value) || depth > 12) return '[circular]';
    seen.add(value);
    if (Buffer.isBuffer(value)) return REDACTED;
    if (Array.isArray(value)) return value.map((item) => scrub(item, seen, depth + 1));
    if (value instanceof Date) return value;
    if (value instanceof Error) {
      const plain: Record<string, unknown> = {
        type: value.name,
        message: scrubString(value.message),
        stack: value.stack ? scrubString(value.stack) : undefined,
      };
      for (const [k, v] of Object.entries(value)) {
        plain[k] = SECRET_KEY.test(k) ? REDACTED : scrub(v, seen, depth + 1);
      }
      if (value.cause !== undefined) plain.cause = scrub(value.cause, seen, depth + 1);
      return plain;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        SECRET_KEY.test(k) && v !== null && v !== undefined && typeof v !== 'boolean'
          ? REDACTED
          : scrub(v, seen, depth + 1);
    }
    return out;
  }

  return { scrub, scrubString };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const { scrub, scrubString } = createScrubber(options.secrets);
  const pinoOptions: pino.LoggerOptions = {
    level: options.level ?? 'info',
    base: options.name ? { name: options.name } : undefined,
    // Our own scrubber replaces pino's serializers for errors so nested errors are scrubbed too.
    serializers: { err: (e: unknown) => scrub(e), error: (e: unknown) => scrub(e) },
    formatters: { log: (object) => scrub(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const cleaned = args.map((arg) => (typeof arg === 'string' ? scrubString(arg) : arg));
        return method.apply(this, cleaned as Parameters<typeof method>);
      },
    },
  };
  if (options.destination) return pino(pinoOptions, options.destination);
  if (process.stdout.isTTY && process.env.NODE_ENV !== 'production' && hasPrettyPrinter()) {
    return pino({ ...pinoOptions, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino(pinoOptions);
}

// pino-pretty is a dev dependency: the production image does not have it.
function hasPrettyPrinter(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
