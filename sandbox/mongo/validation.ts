// Collection validators (`create`/`collMod` options `validator`, `validationLevel`,
// `validationAction`): a query filter, often `$jsonSchema`, that inserted and updated documents
// must match. `strict` checks every write, `moderate` skips updates of documents that already
// failed, `off` nothing; `error` refuses the write (121 DocumentValidationFailure), `warn` logs it
// and lets it through. `bypassDocumentValidation` skips the check.
// Reference: https://www.mongodb.com/docs/v7.0/core/schema-validation/
import type { Document } from 'bson';
import { z } from 'zod';
import { compileFilter, type Filter } from './engine.js';
import { MongoServerError } from './errors.js';
import { compileJsonSchema, unsatisfiedRules } from './json-schema.js';
import { isPlainObject, matchView } from './values.js';

const LEVELS = ['off', 'strict', 'moderate'] as const;
const ACTIONS = ['error', 'warn'] as const;

export interface ValidationRules {
  validator: Document;
  level: (typeof LEVELS)[number];
  action: (typeof ACTIONS)[number];
}

/**
 * The validation options of a `create` or `collMod` command, checked as mongod checks them
 * (`command` names the command in messages); fields the command does not set are absent.
 */
export function parseValidationOptions(command: string, cmd: Document): Partial<ValidationRules> {
  const out: Partial<ValidationRules> = {};
  if (cmd.validator !== undefined) {
    if (!isPlainObject(cmd.validator)) {
      throw new MongoServerError(
        'TypeMismatch',
        `BSON field '${command}.validator' is the wrong type, expected type 'object'`,
      );
    }
    compileValidator(cmd.validator); // refuses an invalid filter or schema now
    out.validator = cmd.validator;
  }
  for (const [field, values] of [
    ['validationLevel', LEVELS],
    ['validationAction', ACTIONS],
  ] as const) {
    if (cmd[field] === undefined) continue;
    const parsed = z.enum(values).safeParse(cmd[field]);
    if (!parsed.success) {
      throw new MongoServerError(
        'BadValue',
        `Enumeration value '${String(cmd[field])}' for field '${command}.${field}' is not a valid value.`,
      );
    }
    if (field === 'validationLevel') out.level = parsed.data as ValidationRules['level'];
    else out.action = parsed.data as ValidationRules['action'];
  }
  return out;
}

function compileValidator(validator: Document): Filter {
  return compileFilter(validator);
}

/** The rules a collection's options define, or undefined when it has no validator. */
export function validationRules(options: Document): ValidationRules | undefined {
  if (!isPlainObject(options.validator) || Object.keys(options.validator).length === 0) return undefined;
  return {
    validator: options.validator,
    level: (options.validationLevel as ValidationRules['level'] | undefined) ?? 'strict',
    action: (options.validationAction as ValidationRules['action'] | undefined) ?? 'error',
  };
}

export class DocumentValidator {
  private readonly filter: Filter;

  constructor(private readonly rules: ValidationRules) {
    this.filter = compileValidator(rules.validator);
  }

  /**
   * Checks a document about to be stored (`previous` is the version it replaces). Throws
   * DocumentValidationFailure, or returns the failure when the action is `warn` (for the log).
   */
  check(next: Document, previous: Document | undefined): MongoServerError | undefined {
    const { level, action } = this.rules;
    if (level === 'off' || this.filter.test(matchView(next))) return undefined;
    if (level === 'moderate' && previous && !this.filter.test(matchView(previous))) return undefined;
    const failure = new MongoServerError('DocumentValidationFailure', 'Document failed validation', {
      errInfo: { failingDocumentId: next._id, details: this.details(next) },
    });
    if (action === 'error') throw failure;
    return failure;
  }

  /** MongoDB's `errInfo.details`: the rules broken (in full for a `$jsonSchema` validator). */
  private details(doc: Document): Document {
    const { validator } = this.rules;
    const keys = Object.keys(validator);
    if (keys.length === 1 && isPlainObject(validator.$jsonSchema)) {
      const validate = compileJsonSchema(validator.$jsonSchema);
      validate(matchView(doc));
      return {
        operatorName: '$jsonSchema',
        schemaRulesNotSatisfied: unsatisfiedRules(validator.$jsonSchema, validate.errors ?? []),
      };
    }
    return {
      operatorName: keys.length === 1 && keys[0]?.startsWith('$') ? keys[0] : '$and',
      specifiedAs: validator,
      reason: 'expression did not match',
    };
  }
}
