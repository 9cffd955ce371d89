/**
 * The message catalog and the translator. One catalog per language; English is the reference
 * and the fallback. Locale comes from Slack (`users.info` with `include_locale`, e.g. `fr-FR`).
 */
import { en } from './en.js';
import { fr } from './fr.js';

export type MessageKey = keyof typeof en;
export type Locale = 'en' | 'fr';
export type MessageParams = Readonly<Record<string, string | number>>;

/** Keys written once per plural form (`….one`, `….other`, …): their base, for `plural`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

export interface Translator {
  (key: MessageKey, params?: MessageParams): string;
  /**
   * The form of `key` for `count` by the language's plural rules (Intl.PluralRules: English says
   * "1 member" / "0 members", French "0 membre" / "2 membres"); `{count}` is filled in.
   */
  plural(key: PluralKey, count: number, params?: MessageParams): string;
  readonly locale: Locale;
  /** Locale-aware number (`100,000` / `100 000`). */
  formatNumber(value: number): string;
  /** Plain-text date and time in UTC, for places where Slack's `<!date>` token cannot be used (HTML pages, plain_text). */
  formatDate(value: Date): string;
}

export const catalogs: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, fr };

const PLACEHOLDER = /\{(\w+)\}/g;

/** `fr`, `fr-FR`, `fr_CA` → French; anything else (including undefined) → English. */
export function resolveLocale(locale: string | undefined | null): Locale {
  return typeof locale === 'string' && /^fr(?:[-_]|$)/i.test(locale.trim()) ? 'fr' : 'en';
}

/** The `{name}` placeholders of a message, sorted and unique (the completeness test compares them). */
export function placeholdersOf(message: string): string[] {
  return [...new Set(Array.from(message.matchAll(PLACEHOLDER), (m) => m[1] ?? ''))].sort();
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

// Translators are immutable, and Intl formatters cost far more to build than to use: one per language.
const translators = new Map<Locale, Translator>();

/** The translator for a Slack locale (shared: building one per request showed up in profiles). */
export function createTranslator(locale: string | undefined | null): Translator {
  const resolved = resolveLocale(locale);
  let translator = translators.get(resolved);
  if (!translator) {
    translator = buildTranslator(resolved);
    translators.set(resolved, translator);
  }
  return translator;
}

function buildTranslator(resolved: Locale): Translator {
  const catalog = catalogs[resolved];
  const numbers = new Intl.NumberFormat(resolved === 'fr' ? 'fr-FR' : 'en-US');
  const dates = new Intl.DateTimeFormat(resolved === 'fr' ? 'fr-FR' : 'en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });

  const translate = (key: MessageKey, params?: MessageParams): string => {
    const template = catalog[key] ?? en[key];
    if (!params) return template;
    // Unknown placeholders stay as written: Slack's own date tokens use the same braces.
    return template.replace(PLACEHOLDER, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };

  const rules = new Intl.PluralRules(resolved === 'fr' ? 'fr-FR' : 'en-US');
  const plural = (key: PluralKey, count: number, params: MessageParams = {}): string => {
    const form = `${key}.${rules.select(count)}`;
    const chosen = (isMessageKey(form) ? form : `${key}.other`) as MessageKey;
    return translate(chosen, { ...params, count });
  };

  return Object.assign(translate, {
    locale: resolved,
    plural,
    formatNumber: (value: number) => numbers.format(value),
    formatDate: (value: Date) => `${dates.format(value)} UTC`,
  });
}
