// Index narrowing inside the emulator: equality and $in lookups on indexed fields touch only the
// matching documents, whatever the collection size (the property behind the benchmark).
import { ObjectId } from 'bson';
import { Query } from 'mingo';
import { describe, expect, it } from 'vitest';
import { Collection, equalityConstraints } from '../../../src/sandbox/mongo/collection.js';
import { findDocuments } from '../../../src/sandbox/mongo/engine.js';

function filled(n: number): Collection {
  const coll = new Collection('db', 'members');
  coll.createIndex({ key: { email: 1 }, unique: true });
  coll.createIndex({ key: { ws: 1, role: 1 } });
  for (let i = 0; i < n; i += 1) {
    coll.insert({
      _id: i,
      email: `u${i}@example.com`,
      ws: `W${i % 10}`,
      role: i % 2 ? 'member' : 'admin',
      tags: [`t${i % 3}`],
    });
  }
  return coll;
}

const count = (it: Iterable<unknown>) => [...it].length;

describe('index narrowing', () => {
  const coll = filled(20_000);

  it('finds one document by a unique key with a single candidate', () => {
    expect(count(coll.candidates({ email: 'u12345@example.com' }))).toBe(1);
    expect(findDocuments(coll, { filter: { email: 'u12345@example.com' } }).map((d) => d._id)).toEqual([
      12345,
    ]);
    expect(count(coll.candidates({ _id: 7 }))).toBe(1);
  });

  it('uses $in, $eq, $and and compound-index prefixes', () => {
    expect(count(coll.candidates({ email: { $in: ['u1@example.com', 'u2@example.com', 'nobody'] } }))).toBe(
      2,
    );
    expect(count(coll.candidates({ $and: [{ email: { $eq: 'u3@example.com' } }, { ws: 'W3' }] }))).toBe(1);
    expect(count(coll.candidates({ ws: 'W3' }))).toBe(2_000);
    expect(count(coll.candidates({ ws: 'W3', role: 'member' }))).toBe(2_000);
    expect(count(coll.candidates({ ws: 'W2', role: 'member' }))).toBe(0);
    expect(count(coll.candidates({ ws: { $in: ['W1', 'W2'] }, role: 'admin' }))).toBe(2_000);
  });

  it('falls back to a scan for predicates an index cannot answer exactly', () => {
    expect(count(coll.candidates({ email: null }))).toBe(20_000);
    expect(count(coll.candidates({ email: /u1/ }))).toBe(20_000);
    expect(count(coll.candidates({ email: { $gt: 'u' } }))).toBe(20_000);
    expect(equalityConstraints({ a: { b: 1 }, c: [1], d: { $eq: 2 } })).toEqual(new Map([['d', [2]]]));
  });

  it('keeps indexes in step with updates and deletes', () => {
    const small = filled(10);
    const doc = small.get('n3');
    expect(doc?.email).toBe('u3@example.com');
    small.replace('n3', { ...doc, email: 'changed@example.com' });
    expect(count(small.candidates({ email: 'u3@example.com' }))).toBe(0);
    expect(count(small.candidates({ email: 'changed@example.com' }))).toBe(1);
    small.remove('n3');
    expect(count(small.candidates({ email: 'changed@example.com' }))).toBe(0);
    expect(() => small.insert({ _id: 99, email: 'u4@example.com' })).toThrow(/E11000/);
  });

  it('counts and sorts equality-filtered queries from the candidate set', () => {
    const top = findDocuments(coll, { filter: { ws: 'W4' }, sort: { _id: -1 }, limit: 3 });
    expect(top.map((d) => d._id)).toEqual([19994, 19984, 19974]);
  });

  it('sorts (with and without a limit) exactly like mingo, across mixed types and ties', () => {
    const mixed = new Collection('db', 'mixed');
    const values: unknown[] = [
      3,
      'b',
      null,
      1.5,
      'a',
      new Date(5),
      new ObjectId(),
      true,
      3,
      'B',
      -2,
      undefined,
      'a',
    ];
    values.forEach((v, i) => {
      mixed.insert(v === undefined ? { _id: i, g: i % 2 } : { _id: i, v, g: i % 2 });
    });
    const all = [...mixed.docs.values()];
    for (const sort of [{ v: 1 }, { v: -1 }, { g: 1, v: -1 }, { g: -1, v: 1 }] as const) {
      const expected = new Query({}, {})
        .find(all)
        .sort(sort)
        .all()
        .map((d) => (d as { _id: unknown })._id);
      expect(findDocuments(mixed, { sort }).map((d) => d._id)).toEqual(expected);
      expect(findDocuments(mixed, { sort, skip: 2, limit: 4 }).map((d) => d._id)).toEqual(
        expected.slice(2, 6),
      );
    }
  });
});
