// Collation: MongoDB's collation document (ICU locale spellings such as `en_US` or
// `de@collation=phonebook`, strength levels, options with their defaults) turned into an
// Intl.Collator, which is what string comparison under a collation needs. mingo only applies a
// collation to `$sort` (through Intl.Collator too), so the comparison query operators use this
// module (see operators.ts). Reference: https://www.mongodb.com/docs/v7.0/reference/collation/
import type { Document } from 'bson';
import { z } from 'zod';
import { MongoServerError } from './errors.js';
import { isPlainObject } from './values.js';

/** A collation document with MongoDB's defaults filled in, as listIndexes/listCollections show it. */
export interface CollationSpec {
  locale: string;
  caseLevel: boolean;
  caseFirst: 'upper' | 'lower' | 'off';
  strength: number;
  numericOrdering: boolean;
  alternate: 'non-ignorable' | 'shifted';
  maxVariable: 'punct' | 'space';
  normalization: boolean;
  backwards: boolean;
  version: string;
}

const collationSchema = z.strictObject({
  locale: z.string(),
  caseLevel: z.boolean().optional(),
  caseFirst: z.enum(['upper', 'lower', 'off']).optional(),
  strength: z.number().int().min(1).max(5).optional(),
  numericOrdering: z.boolean().optional(),
  alternate: z.enum(['non-ignorable', 'shifted']).optional(),
  maxVariable: z.enum(['punct', 'space']).optional(),
  normalization: z.boolean().optional(),
  backwards: z.boolean().optional(),
  version: z.string().optional(),
});

/** The ICU version MongoDB 7 reports in a collation's `version`. */
const ICU_VERSION = '57.1';

// ICU's `@collation=` keyword values and their BCP 47 (`-u-co-`) names.
const COLLATION_TYPES: Record<string, string> = {
  big5han: 'big5han',
  compat: 'compat',
  dictionary: 'dict',
  eor: 'eor',
  gb2312han: 'gb2312',
  phonebook: 'phonebk',
  pinyin: 'pinyin',
  reformed: 'reformed',
  search: 'search',
  standard: 'standard',
  stroke: 'stroke',
  traditional: 'trad',
  unihan: 'unihan',
  zhuyin: 'zhuyin',
};

/** ICU's locale spelling (`en_US`, `zh_Hant`, `de@collation=phonebook`) as a BCP 47 tag. */
export function bcp47Locale(icu: string): string | undefined {
  const [base = '', keywords] = icu.split('@');
  let tag = base.replace(/_/g, '-');
  if (keywords !== undefined) {
    const match = /^collation=([a-z0-9]+)$/.exec(keywords);
    const type = match ? COLLATION_TYPES[match[1] as string] : undefined;
    if (!type) return undefined;
    tag += `-u-co-${type}`;
  }
  try {
    return Intl.Collator.supportedLocalesOf(tag).length > 0 ? tag : undefined;
  } catch {
    return undefined; // a malformed tag
  }
}

/**
 * The command's collation (or the collection's default when the command has none), normalised;
 * undefined for the simple (binary) collation. Refuses malformed documents as MongoDB does.
 */
export function effectiveCollation(
  requested: unknown,
  collectionDefault: CollationSpec | undefined,
): CollationSpec | undefined {
  if (requested === undefined) return collectionDefault;
  return parseCollation(requested);
}

/** A collation document parsed and completed with defaults; undefined for `{locale: 'simple'}`. */
export function parseCollation(input: unknown): CollationSpec | undefined {
  if (!isPlainObject(input)) {
    throw new MongoServerError('TypeMismatch', "BSON field 'collation' is the wrong type, expected object");
  }
  const parsed = collationSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      throw new MongoServerError(
        'Location40415',
        `BSON field 'collation.${issue.keys[0]}' is an unknown field.`,
      );
    }
    const field = String(issue?.path[0] ?? 'collation');
    if (field === 'locale' && input.locale === undefined) {
      throw new MongoServerError(
        'Location40414',
        "BSON field 'collation.locale' is missing but a required field",
      );
    }
    if (field === 'strength') {
      throw new MongoServerError(
        'BadValue',
        `Field 'strength' must be an integer 1 through 5. Got: ${String(input.strength)}`,
      );
    }
    throw new MongoServerError('BadValue', `Field '${field}' is invalid in: ${JSON.stringify(input)}`);
  }
  const c = parsed.data;
  if (c.locale === 'simple') {
    if (Object.keys(c).length > 1) {
      throw new MongoServerError(
        'BadValue',
        'If "locale" is set to "simple", then no other fields may be set.',
      );
    }
    return undefined;
  }
  if (!bcp47Locale(c.locale)) {
    throw new MongoServerError('BadValue', `Field 'locale' is invalid in: { locale: "${c.locale}" }`);
  }
  return {
    locale: c.locale,
    caseLevel: c.caseLevel ?? false,
    caseFirst: c.caseFirst ?? 'off',
    strength: c.strength ?? 3,
    numericOrdering: c.numericOrdering ?? false,
    alternate: c.alternate ?? 'non-ignorable',
    maxVariable: c.maxVariable ?? 'punct',
    normalization: c.normalization ?? false,
    backwards: c.backwards ?? false,
    version: ICU_VERSION,
  };
}

/** Whether two (normalised) collations compare strings alike. */
export function sameCollation(a: CollationSpec | undefined, b: CollationSpec | undefined): boolean {
  if (!a || !b) return a === b;
  return JSON.stringify({ ...a, version: '' }) === JSON.stringify({ ...b, version: '' });
}

/**
 * What mingo is given as `collation` (its `$sort` builds an Intl.Collator from it), with the
 * locale as a BCP 47 tag.
 */
export function mingoCollation(spec: CollationSpec): Document {
  return { ...spec, locale: bcp47Locale(spec.locale) };
}

const collators = new Map<string, Intl.Collator>();

/**
 * The Intl.Collator of a collation (cached). ICU strengths map to Intl sensitivities: 1 ignores
 * case and accents, 2 ignores case, 3 and above compare everything; `caseLevel` adds case back.
 */
export function collatorFor(spec: Document): Intl.Collator {
  const key = JSON.stringify(spec);
  let collator = collators.get(key);
  if (!collator) {
    const strength = typeof spec.strength === 'number' ? spec.strength : 3;
    let sensitivity: Intl.CollatorOptions['sensitivity'] =
      strength === 1 ? 'base' : strength === 2 ? 'accent' : 'variant';
    if (spec.caseLevel === true && sensitivity === 'base') sensitivity = 'case';
    if (spec.caseLevel === true && sensitivity === 'accent') sensitivity = 'variant';
    const locale = typeof spec.locale === 'string' ? (bcp47Locale(spec.locale) ?? spec.locale) : undefined;
    collator = new Intl.Collator(locale, {
      sensitivity,
      caseFirst: spec.caseFirst === 'upper' || spec.caseFirst === 'lower' ? spec.caseFirst : 'false',
      numeric: spec.numericOrdering === true,
      ignorePunctuation: spec.alternate === 'shifted',
      usage: 'sort',
    });
    collators.set(key, collator);
  }
  return collator;
}

/**
 * A string standing for `s` in a collated index: equal for strings the collation calls equal, at
 * strengths 1 and 2 (case-insensitive, and at 1 accent-insensitive too). Above that the string
 * itself (ICU's tertiary level is close to exact equality). An approximation of ICU sort keys.
 */
export function collationKey(s: string, spec: CollationSpec): string {
  if (spec.strength >= 3 || spec.caseLevel) return s;
  const folded = s.normalize('NFD').toLocaleLowerCase(bcp47Locale(spec.locale));
  return spec.strength === 1 ? folded.replace(/\p{M}/gu, '') : folded.normalize('NFC');
}
