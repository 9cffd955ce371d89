// `$jsonSchema` (in filters and collection validators) on Ajv, the well-kept JSON Schema validator
// already in our dev dependencies. MongoDB speaks JSON Schema draft 4 with its own `bsonType` and
// without a few keywords; Ajv speaks draft 7. So a MongoDB schema is translated once: `type` and
// `bsonType` become one custom keyword judged on BSON types (Ajv would call an ObjectId an
// "object" and an int64 not a "number"), draft 4's boolean `exclusiveMaximum` becomes draft 7's
// number, and the keywords MongoDB omits are refused as it refuses them.
// Reference: https://www.mongodb.com/docs/v7.0/reference/operator/query/jsonSchema/

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Document } from 'bson';
import { hasType, parseTypeList } from './bson-types.js';
import { MongoServerError } from './errors.js';
import { isPlainObject, originalOf } from './values.js';

const SUPPORTED = new Set([
  'bsonType',
  'type',
  'enum',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxProperties',
  'minProperties',
  'required',
  'additionalProperties',
  'properties',
  'patternProperties',
  'dependencies',
  'additionalItems',
  'items',
  'maxItems',
  'minItems',
  'uniqueItems',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'title',
  'description',
]);
const OMITTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id']);
/** JSON Schema's types as the BSON types MongoDB matches them with. */
const JSON_TYPES: Record<string, string[]> = {
  object: ['object'],
  array: ['array'],
  number: ['number'],
  boolean: ['bool'],
  null: ['null'],
  string: ['string'],
};

const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
ajv.addKeyword({
  keyword: 'mongoType',
  schemaType: 'array',
  errors: false,
  validate: (
    types: string[],
    data: unknown,
    _parent?: unknown,
    cxt?: { parentData: unknown; parentDataProperty: string | number },
  ) => {
    // The stored value (an int64 is a number in the view Ajv reads, but a `long` to MongoDB).
    const parent = cxt ? originalOf(cxt.parentData) : undefined;
    const stored =
      parent !== null && typeof parent === 'object' && cxt
        ? (parent as Document)[cxt.parentDataProperty]
        : originalOf(data);
    return hasType(stored ?? data, parseTypeList(types, '$jsonSchema bsonType'));
  },
});

function invalid(message: string): MongoServerError {
  return new MongoServerError('FailedToParse', message);
}

/** A MongoDB `$jsonSchema` as the draft 7 schema Ajv checks (refusing what MongoDB refuses). */
function translate(schema: unknown): Document {
  if (!isPlainObject(schema)) throw invalid('$jsonSchema must be an object');
  const out: Document = {};
  for (const keyword of Object.keys(schema)) {
    if (OMITTED.has(keyword)) throw invalid(`$jsonSchema keyword '${keyword}' is not currently supported`);
    if (!SUPPORTED.has(keyword)) throw invalid(`Unknown $jsonSchema keyword: ${keyword}`);
  }
  if ('type' in schema && 'bsonType' in schema)
    throw invalid("Cannot specify both $jsonSchema keywords 'type' and 'bsonType'");
  for (const [keyword, value] of Object.entries(schema)) {
    switch (keyword) {
      case 'type': {
        const names = Array.isArray(value) ? value : [value];
        out.mongoType = names.flatMap((n) => {
          const types = typeof n === 'string' ? JSON_TYPES[n] : undefined;
          if (!types) throw invalid(`Unknown type name alias: ${String(n)}`);
          return types;
        });
        break;
      }
      case 'bsonType':
        parseTypeList(value, '$jsonSchema bsonType'); // refuses unknown aliases now
        out.mongoType = Array.isArray(value) ? value : [value];
        break;
      case 'exclusiveMaximum':
      case 'exclusiveMinimum':
        break; // folded into maximum/minimum below
      case 'maximum':
      case 'minimum': {
        const exclusive = schema[keyword === 'maximum' ? 'exclusiveMaximum' : 'exclusiveMinimum'] === true;
        out[exclusive ? (keyword === 'maximum' ? 'exclusiveMaximum' : 'exclusiveMinimum') : keyword] = value;
        break;
      }
      case 'properties':
      case 'patternProperties':
        out[keyword] = Object.fromEntries(
          Object.entries(value as Document).map(([k, s]) => [k, translate(s)]),
        );
        break;
      case 'dependencies':
        out[keyword] = Object.fromEntries(
          Object.entries(value as Document).map(([k, s]) => [k, Array.isArray(s) ? s : translate(s)]),
        );
        break;
      case 'additionalProperties':
      case 'additionalItems':
        out[keyword] = typeof value === 'boolean' ? value : translate(value);
        break;
      case 'items':
        out[keyword] = Array.isArray(value) ? value.map(translate) : translate(value);
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        if (!Array.isArray(value) || value.length === 0)
          throw invalid(`$jsonSchema keyword '${keyword}' must be a non-empty array`);
        out[keyword] = value.map(translate);
        break;
      case 'not':
        out[keyword] = translate(value);
        break;
      default:
        out[keyword] = value;
    }
  }
  return out;
}

const compiled = new WeakMap<object, ValidateFunction>();

/** The compiled check of a MongoDB `$jsonSchema` (cached per schema object). */
export function compileJsonSchema(schema: unknown): ValidateFunction {
  if (isPlainObject(schema)) {
    const cached = compiled.get(schema);
    if (cached) return cached;
  }
  const validate = ajv.compile(translate(schema));
  if (isPlainObject(schema)) compiled.set(schema, validate);
  return validate;
}

/** What mingo's `$jsonSchema` query operator calls (its `jsonSchemaValidator` option). */
export function jsonSchemaValidator(schema: unknown): (doc: Document) => boolean {
  const validate = compileJsonSchema(schema);
  return (doc) => validate(doc) === true;
}

/**
 * The rules a document broke, in the shape of MongoDB's `errInfo.details.schemaRulesNotSatisfied`
 * (`required` with its missing properties, `properties` with the failing property names, other
 * keywords by name).
 */
export function unsatisfiedRules(schema: Document, errors: ErrorObject[]): Document[] {
  const rules = new Map<string, Document>();
  for (const error of errors) {
    const [, top, property] = error.schemaPath.split('/');
    if (top === undefined) continue;
    const keyword = top === 'mongoType' ? ('bsonType' in schema ? 'bsonType' : 'type') : top;
    if (keyword === 'required' && error.instancePath === '') {
      const rule = rules.get('required') ?? {
        operatorName: 'required',
        specifiedAs: { required: schema.required },
        missingProperties: [],
      };
      (rule.missingProperties as string[]).push(String(error.params.missingProperty));
      rules.set('required', rule);
    } else if (keyword === 'properties' && property !== undefined) {
      const rule = rules.get('properties') ?? { operatorName: 'properties', propertiesNotSatisfied: [] };
      const list = rule.propertiesNotSatisfied as Document[];
      if (!list.some((p) => p.propertyName === property)) list.push({ propertyName: property, details: [] });
      rules.set('properties', rule);
    } else if (!rules.has(keyword)) {
      rules.set(keyword, { operatorName: keyword, specifiedAs: { [keyword]: schema[keyword] } });
    }
  }
  return [...rules.values()];
}
