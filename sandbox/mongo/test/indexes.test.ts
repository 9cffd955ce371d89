// Index narrowing inside the emulator: equality and $in lookups on indexed fields touch only the
// matching documents, whatever the collection size (the property behind the benchmark).
import { ObjectId } from 'bson';
import { Query } from 'mingo';
import { describe, expect, it } from 'vitest';
import { Collection, equalityConstraints } from '../collection.js';
import { findDocuments } from '../engine.js';

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

  describe('ordered index walks', () => {
    // Same data with and without indexes: the indexed plan must return what the in-memory sort returns.
    const values: unknown[] = [
      'delta',
      'alpha',
      null,
      'echo',
      3,
      'bravo',
      'charlie',
      new Date(9),
      'alpha2',
      undefined,
      1,
    ];
    function build(indexed: boolean): Collection {
      const coll = new Collection('db', indexed ? 'walk' : 'plain');
      if (indexed) {
        coll.createIndex({ key: { ws: 1, name: 1, n: -1 } });
        coll.createIndex({ key: { at: -1 } });
      }
      for (let i = 0; i < 300; i += 1) {
        const name = values[i % values.length];
        const doc: Record<string, unknown> = {
          _id: i,
          ws: `W${i % 3}`,
          n: i,
          at: new Date(1_000_000 - i * 7),
        };
        if (name !== undefined) doc.name = name;
        coll.insert(doc);
      }
      return coll;
    }
    const indexed = build(true);
    const plain = build(false);
    const filters = [
      { ws: 'W1' },
      { ws: 'W1', name: { $gt: 'bravo' } },
      { ws: 'W2', name: { $gte: 'bravo' } },
      { ws: 'W0', name: { $lt: 'delta' } },
      { ws: 'W0', name: { $lte: 'delta' }, n: { $gt: 50 } },
      { ws: 'W1', name: { $gt: 2 } },
      {},
      { at: { $lt: new Date(999_000) } },
    ];
    const sorts = [
      { name: 1 },
      { name: -1 },
      { name: 1, n: -1 },
      { name: -1, n: 1 },
      { at: -1 },
      { at: 1 },
    ] as const;

    it('returns exactly what the in-memory sort returns, with seeks, skips and limits', () => {
      let walked = 0;
      for (const filter of filters) {
        for (const sort of sorts) {
          const keys = Object.entries(sort) as [string, number][];
          if (indexed.sortedCandidates(filter, keys)) walked += 1;
          for (const [skip, limit] of [
            [0, 0],
            [0, 5],
            [3, 4],
          ] as const) {
            // Sort keys break ties with n/_id so that both plans have a single right answer.
            const tie = 'n' in sort ? {} : { n: 1 };
            const expected = findDocuments(plain, { filter, sort: { ...sort, ...tie }, skip, limit }).map(
              (d) => d._id,
            );
            const actual = findDocuments(indexed, { filter, sort: { ...sort, ...tie }, skip, limit }).map(
              (d) => d._id,
            );
            expect(actual).toEqual(expected);
          }
          const loose = findDocuments(indexed, { filter, sort }).map((d) => d._id);
          const reference = findDocuments(plain, { filter, sort }).map((d) => d._id);
          // `at` is unique, so that order is fully determined; name sorts may order ties differently.
          if ('at' in sort) expect(loose).toEqual(reference);
          else expect(new Set(loose)).toEqual(new Set(reference));
        }
      }
      expect(walked).toBeGreaterThan(10);
    });

    it('starts a range walk at its bound and stays right through writes', () => {
      const coll = new Collection('db', 'pages');
      coll.createIndex({ key: { ws: 1, name: 1 } });
      for (let i = 0; i < 1000; i += 1)
        coll.insert({ _id: i, ws: 'W', name: `n${String(i).padStart(4, '0')}` });
      const walk = coll.sortedCandidates({ ws: 'W', name: { $gt: 'n0500' } }, [['name', 1]]);
      const first = walk?.[Symbol.iterator]().next().value;
      expect(first?.name).toBe('n0501');
      coll.insert({ _id: 5000, ws: 'W', name: 'n0500a' });
      coll.replace(keyOfId(501), { _id: 501, ws: 'W', name: 'a-first' });
      coll.remove(keyOfId(502));
      const page = findDocuments(coll, {
        filter: { ws: 'W', name: { $gt: 'n0500' } },
        sort: { name: 1 },
        limit: 3,
      });
      expect(page.map((d) => d.name)).toEqual(['n0500a', 'n0503', 'n0504']);
      const desc = findDocuments(coll, {
        filter: { ws: 'W', name: { $lt: 'n0002' } },
        sort: { name: -1 },
        limit: 3,
      });
      expect(desc.map((d) => d.name)).toEqual(['n0001', 'n0000', 'a-first']);
    });
  });
});

function keyOfId(id: number): string {
  return `n${id}`;
}
