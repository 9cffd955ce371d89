/** Bolt and @slack/web-api log through our pino logger (STYLE practice 9). */
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../logger.js';

const TO_SLACK: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

export function toSlackLogger(logger: Logger): SlackLogger {
  let child = logger.child({ module: 'bolt' });
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => child.debug(text(msg)),
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    // The level is ours to set (LOG_LEVEL); Bolt asking for another one is ignored.
    setLevel: () => undefined,
    getLevel: () => TO_SLACK[logger.level] ?? LogLevel.INFO,
    setName: (name: string) => {
      child = logger.child({ module: name });
    },
  };
}
