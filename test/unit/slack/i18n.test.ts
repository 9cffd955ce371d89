import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en.js';
import { fr } from '../../../src/i18n/fr.js';
import {
  catalogs,
  createTranslator,
  isMessageKey,
  type MessageKey,
  placeholdersOf,
  resolveLocale,
} from '../../../src/i18n/index.js';

const keys = Object.keys(en) as MessageKey[];

describe('message catalog completeness', () => {
  it('has the same keys in English and French', () => {
    expect(Object.keys(fr).sort()).toEqual([...keys].sort());
  });

  for (const [locale, catalog] of Object.entries(catalogs)) {
    it(`has no empty message in ${locale}`, () => {
      const empty = keys.filter((k) => typeof catalog[k] !== 'string' || catalog[k].trim() === '');
      expect(empty).toEqual([]);
    });
  }

  it('uses the same {placeholders} in both languages', () => {
    const mismatched = keys.filter(
      (k) => placeholdersOf(en[k]).join(',') !== placeholdersOf(fr[k]).join(','),
    );
    expect(mismatched).toEqual([]);
  });

  it('keeps modal titles and submit/close labels within 24 characters (builders would truncate them)', () => {
    const modalKeys: MessageKey[] = [
      'connect.title',
      'connect.submit.continue',
      'connect.submit.send',
      'connect.submit.get_link',
      'connect_result.title',
      'forward.title',
      'forward.submit',
      'settings.title',
      'settings.submit',
      'disconnect.title',
      'disconnect.submit',
      'meeting_modal.title',
      'meeting_modal.submit',
      'common.close',
      'common.done',
    ];
    const tooLong = modalKeys.flatMap((k) =>
      [en[k], fr[k]].filter((v) => Array.from(v).length > 24).map((v) => `${k}: ${v}`),
    );
    expect(tooLong).toEqual([]);
  });

  it('keeps button and option labels within 75 characters', () => {
    const labelKeys = keys.filter((k) =>
      /^(button|filter|disconnect\.option|connect\.(scope|org_path)|settings\.(auto_summary|allow_opt_out))/.test(
        k,
      ),
    );
    const tooLong = labelKeys.flatMap((k) => [en[k], fr[k]].filter((v) => Array.from(v).length > 75));
    expect(tooLong).toEqual([]);
  });

  it('writes French with a no-break space before : ; ? ! (consistent typography)', () => {
    const plainSpace = keys.filter((k) => / [:;?!](?![a-z_]+:)/.test(fr[k].replace(/`[^`]*`/g, '')));
    expect(plainSpace).toEqual([]);
  });

  it('has an error message for every error code the views know', async () => {
    const { ERROR_CODES } = await import('../../../src/slack/views/help.js');
    expect(ERROR_CODES.filter((code) => !isMessageKey(`error.${code}`))).toEqual([]);
  });

  it('has a label for every audit kind the services record, in both languages', async () => {
    const { AUDIT_TYPES } = await import('../../../src/services/audit.js');
    expect(AUDIT_TYPES.length).toBeGreaterThan(20);
    for (const catalog of [en, fr]) {
      expect(AUDIT_TYPES.filter((type) => !(`audit.${type}` in catalog))).toEqual([]);
    }
  });

  it('has no label for an audit kind nobody records (a renamed kind would leave its label behind)', async () => {
    const { AUDIT_TYPES } = await import('../../../src/services/audit.js');
    const kinds = new Set<string>(AUDIT_TYPES);
    const labels = keys.filter((key) => key.startsWith('audit.')).map((key) => key.slice('audit.'.length));
    const orphans = labels.filter((kind) => !kinds.has(kind) && !kinds.has(kind.replace(/_personal$/, '')));
    expect(orphans).toEqual([]);
  });
});

describe('plurals (Intl.PluralRules) for 0, 1 and 2', () => {
  const cases = [
    ['en', 0, 'Zoom account A (a): 0 of 0 members found by email.'],
    ['en', 1, 'Zoom account A (a): 0 of 1 member found by email.'],
    ['en', 2, 'Zoom account A (a): 0 of 2 members found by email.'],
    ['fr', 0, 'Compte Zoom A (a)\u00a0: 0 sur 0 membre trouvé par e-mail.'],
    ['fr', 1, 'Compte Zoom A (a)\u00a0: 0 sur 1 membre trouvé par e-mail.'],
    ['fr', 2, 'Compte Zoom A (a)\u00a0: 0 sur 2 membres trouvés par e-mail.'],
  ] as const;
  for (const [locale, count, expected] of cases) {
    it(`${locale} ${count}`, () => {
      expect(
        createTranslator(locale).plural('coverage.line', count, { account: 'A', id: 'a', found: 0 }),
      ).toBe(expected);
    });
  }

  it('every plural key has its `.other` form in both languages', () => {
    const bases = new Set(
      keys.filter((k) => /\.(one|other)$/.test(k)).map((k) => k.replace(/\.(one|other)$/, '')),
    );
    for (const base of bases) {
      expect(isMessageKey(`${base}.other`), base).toBe(true);
      expect(isMessageKey(`${base}.one`), base).toBe(true);
    }
  });
});

describe('createTranslator', () => {
  it('picks French for fr and fr-* locales, English otherwise', () => {
    expect(resolveLocale('fr-FR')).toBe('fr');
    expect(resolveLocale('fr-CA')).toBe('fr');
    expect(resolveLocale('fr')).toBe('fr');
    expect(resolveLocale('FR_be')).toBe('fr');
    expect(resolveLocale('en-US')).toBe('en');
    expect(resolveLocale('de-DE')).toBe('en');
    expect(resolveLocale('fri')).toBe('en');
    expect(resolveLocale(undefined)).toBe('en');
    expect(resolveLocale('')).toBe('en');
  });

  it('interpolates {name} placeholders and formats numbers per locale', () => {
    const t = createTranslator('en-GB');
    expect(t('notice.request_sent', { user: 'Ana' })).toBe('Approval request sent to Ana.');
    expect(t('common.and_more', { count: 100000 })).toBe('…and 100,000 more');
    const tf = createTranslator('fr-FR');
    expect(tf('notice.request_sent', { user: 'Ana' })).toBe('Demande d’approbation envoyée à Ana.');
    expect(tf('common.and_more', { count: 100000 })).toMatch(/^… et 100\s000 de plus$/u);
  });

  it('leaves unknown placeholders untouched (Slack date tokens use braces too)', () => {
    const t = createTranslator('en');
    // Not the *_pretty forms: “on today at 9:00” / “le aujourd’hui” would break the sentences around it.
    expect(t('common.slack_date_format')).toBe('{date_short} at {time}');
    expect(t('notice.request_sent', {})).toBe('Approval request sent to {user}.');
  });

  it('does not interpret $ patterns in values', () => {
    const t = createTranslator('en');
    expect(t('notice.request_sent', { user: "$& $' $1" })).toBe("Approval request sent to $& $' $1.");
  });

  it('formats plain dates in UTC in the chosen language', () => {
    const date = new Date('2026-03-05T14:30:00Z');
    expect(createTranslator('en').formatDate(date)).toContain('2026');
    expect(createTranslator('en').formatDate(date)).toMatch(/UTC$/);
    expect(createTranslator('fr').formatDate(date)).toMatch(/mars/);
  });
});

describe('HTML page strings', () => {
  it('contain no Slack markup (they are rendered as HTML text)', () => {
    const pageKeys = keys.filter((k) => k.startsWith('page.'));
    expect(pageKeys.length).toBeGreaterThan(20);
    const marked = pageKeys.filter((k) => /[`*<>]|:[a-z_]+:/.test(en[k]) || /[`*<>]/.test(fr[k]));
    expect(marked).toEqual([]);
  });
});

describe('French wording a reader asked for (issue 17 §10)', () => {
  const all = Object.values(fr).join('\n');
  it.each([
    ['Connecter dans Zoom', 'Se connecter à Zoom'],
    ['Il sert pour vos réunions', 'Il sera utilisé pour vos réunions'],
    ['pour voir ce qu’elle accepte', 'pour voir les options disponibles'],
    ['par son biais', 'par son intermédiaire'],
  ])('“%s” reads “%s”', (before, after) => {
    expect(all).not.toContain(before);
    expect(all).toContain(after);
  });
});
