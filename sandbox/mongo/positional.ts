// The positional `$` of updates (`children.$.name`) and projections (`events.$`): "the first element
// that matches the query document" on that array. Found once per array with mingo, from the filter's
// conditions on the array; updates then use the index for every path that names it (MongoDB
// resolves `$` once from the query, so `$set` + `$inc` on two `children.$` fields hit one element).
// https://www.mongodb.com/docs/v7.0/reference/operator/update/positional/
// https://www.mongodb.com/docs/v7.0/reference/operator/projection/positional/
import type { Document } from 'bson';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { isPlainObject } from './values.js';

/**
 * The filter's conditions on `arrayPath` and below it (top level and inside `$and`), as one
 * filter; undefined when it has none.
 */
function conditionsOn(filter: Document, arrayPath: string): Document | undefined {
  const clauses: Document[] = [];
  const visit = (f: Document) => {
    for (const [key, cond] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(cond)) {
        for (const sub of cond) if (isPlainObject(sub)) visit(sub);
      } else if (key === arrayPath || key.startsWith(`${arrayPath}.`)) {
        clauses.push({ [key]: cond });
      }
    }
  };
  visit(filter);
  return clauses.length === 0 ? undefined : { $and: clauses };
}

/** A document holding only `[element]` at `path` (nested objects for a dotted path). */
function holding(path: string, element: unknown): Document {
  const parts = path.split('.');
  let out: Document = { [parts[parts.length - 1] as string]: [element] };
  for (let i = parts.length - 2; i >= 0; i -= 1) out = { [parts[i] as string]: out };
  return out;
}

/**
 * The index of the first element of `array` (found at `arrayPath`) that satisfies the filter's
 * conditions on that array; undefined when none does or the filter names no such condition.
 */
export function positionalIndex(
  array: unknown[],
  arrayPath: string,
  filter: Document,
  options: Partial<Options>,
): number | undefined {
  const conditions = conditionsOn(filter, arrayPath);
  if (!conditions) return undefined;
  const query = new Query(conditions, options);
  const index = array.findIndex((element) => query.test(holding(arrayPath, element)));
  return index < 0 ? undefined : index;
}
