// Exact index answers: a filter made only of equality / $in on the fields of a complete, non-multikey
// index is counted from bucket sizes (MongoDB's COUNT_SCAN) and its candidates need no mingo test.
// Every answer is checked against the same query on a collection without indexes (mingo decides
// every document there), over generated data with nulls, missing fields, mixed types and arrays.
import { type Document, ObjectId } from 'bson';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCollation } from '../collation.js';
import { Collection } from '../collection.js';
import { runCommand } from '../commands/index.js';
import { CursorManager } from '../cursors.js';
import { aggregateDocuments, countDocuments, findDocuments } from '../engine.js';
import { Store } from '../store.js';
import { keyOf } from '../values.js';
import { type Harness, openHarness } from './harness.js';

const OIDS = [0, 1, 2].map((i) => new ObjectId(`6500000000000000000000a${i}`));
const DATES = [0, 1].map((i) => new Date(Date.UTC(2024, 0, 1 + i)));

/** Deterministic documents: every field is sometimes missing, null or of another type. */
function generate(n: number): Document[] {
  let seed = 12345;
  // mulberry32: a small generator whose low bits are as random as its high ones.
  const rand = (k: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % k;
  };
  const pick = <T>(values: T[]): T | undefined => {
    const i = rand(values.length + 1);
    return i === values.length ? undefined : values[i];
  };
  const docs: Document[] = [];
  for (let i = 0; i < n; i += 1) {
    const doc: Document = { _id: i };
    const set = (field: string, v: unknown) => {
      if (v !== undefined) doc[field] = v;
    };
    set('ws', pick(['A', 'B', 'C']));
    set('deleted', pick([false, false, false, true, null]));
    set('status', pick(['active', 'none', 'needs_reconnect', null, 5, true, 'ACTIVE']));
    set('n', pick([0, -0, 1, 2.5, '1']));
    set('oid', pick([...OIDS, OIDS[0]?.toHexString()]));
    set('when', pick([...DATES, DATES[0]?.getTime()]));
    // tags holds an array in some documents: its index is multikey.
    set('tags', pick(['t1', 't2', ['t1', 't2'], ['t1'], []]));
    set('sp', pick(['x', 'y', null]));
    set('pf', pick([1, 2]));
    // a.b: a sub-document, a scalar, null or missing (never an array).
    set('a', pick([{ b: 1 }, { b: null }, { c: 1 }, { b: 'x' }, 7, null]));
    docs.push(doc);
  }
  return docs;
}

const DOCS = generate(3_000);

function indexed(docs: Document[] = DOCS): Collection {
  const coll = new Collection('db', 'indexed');
  coll.createIndex({ key: { ws: 1, deleted: 1, status: 1, n: 1 } });
  coll.createIndex({ key: { ws: 1, deleted: 1, oid: 1 } });
  coll.createIndex({ key: { ws: 1, when: -1 } });
  coll.createIndex({ key: { ws: 1, tags: 1 } });
  coll.createIndex({ key: { sp: 1 }, sparse: true });
  coll.createIndex({ key: { ws: 1, pf: 1 }, partialFilterExpression: { pf: { $exists: true } } });
  coll.createIndex({ key: { 'a.b': 1 } });
  coll.createIndex({ key: { status: 'hashed' } });
  for (const doc of docs) coll.insert(doc);
  return coll;
}

function plain(docs: Document[] = DOCS): Collection {
  const coll = new Collection('db', 'plain');
  for (const doc of docs) coll.insert(doc);
  return coll;
}

/** Filters with whether an index answers them exactly. */
const CASES: [Document, boolean][] = [
  [{ ws: 'A' }, true],
  [{ ws: 'A', deleted: false }, true],
  [{ ws: 'A', deleted: { $eq: false } }, true],
  [{ deleted: false, ws: 'A' }, true],
  [{ ws: 'A', deleted: null }, true],
  [{ ws: null }, true],
  [{ ws: 'A', deleted: false, status: 'active' }, true],
  [{ ws: 'A', deleted: false, status: { $in: ['none', 'needs_reconnect'] }, n: 1 }, true],
  [{ ws: 'A', deleted: false, status: { $in: ['none', 'needs_reconnect', 'none'] } }, true],
  [{ ws: { $in: ['A', 'A', 'B'] }, deleted: { $in: [false, null] } }, true],
  [{ ws: 'A', deleted: false, status: null }, true],
  [{ ws: 'A', deleted: false, status: { $in: [null, 'active'] } }, true],
  [{ ws: 'B', deleted: true, status: 5 }, true],
  [{ ws: 'B', deleted: false, status: { $eq: true } }, true],
  [{ ws: 'C', deleted: false, status: 'active', n: { $in: [0, -0, 1, 1.0, 2.5] } }, true],
  [{ ws: 'C', deleted: false, status: 'active', n: -0 }, true],
  [{ ws: 'B', deleted: false, oid: OIDS[0] }, true],
  [{ ws: 'B', deleted: false, oid: { $in: [...OIDS, new ObjectId(OIDS[1]?.toHexString())] } }, true],
  [{ ws: 'B', deleted: false, oid: OIDS[0]?.toHexString() }, true],
  [{ ws: 'C', when: DATES[0] }, true],
  [{ ws: 'C', when: { $in: [new Date(DATES[1]?.getTime() ?? 0), DATES[1]] } }, true],
  [{ 'a.b': 1 }, true],
  [{ 'a.b': null }, true],
  [{ 'a.b': { $in: ['x', null] } }, true],
  [{ status: 'active' }, true], // the hashed index
  [{ ws: { $in: [] } }, true],
  [{ ws: 'A', deleted: false, status: { $in: [] } }, true],
  [{ _id: { $in: [1, 2, 2, 99_999] } }, true],
  [{ _id: 3 }, true],
  // Slow path: the index is multikey, sparse or partial.
  [{ ws: 'A', tags: 't1' }, false],
  [{ ws: 'A', tags: null }, false],
  [{ sp: 'x' }, false],
  [{ sp: null }, false],
  [{ ws: 'A', pf: 1 }, false],
  // Slow path: no index covers every constrained field.
  [{ ws: 'A', status: 'active' }, false],
  [{ ws: 'A', deleted: false, other: 1 }, false],
  [{ ws: 'A', deleted: false, n: 1 }, false],
  [{ _id: 3, ws: 'A' }, false],
  // Slow path: operators and values an index key does not decide.
  [{ $and: [{ ws: 'A', deleted: false }] }, false],
  [{ ws: 'A', deleted: { $ne: true } }, false],
  [{ ws: 'A', deleted: { $exists: false } }, false],
  [{ ws: 'A', deleted: false, status: /act/ }, false],
  [{ ws: 'A', deleted: false, status: { $in: [/act/, 'none'] } }, false],
  [{ ws: 'A', deleted: false, status: { $eq: 'active', $ne: 'x' } }, false],
  [{ ws: ['A'] }, false],
  [{ a: { b: 1 } }, false],
  [{ 'a.0': 1 }, false],
  [{ ws: 'A', deleted: false, status: 'active', n: Number.NaN }, false],
];

const ids = (docs: Document[]) => docs.map((d) => d._id);

describe('exact index answers', () => {
  const fast = indexed();
  const slow = plain();

  it('count exactly what mingo counts on an unindexed collection, and take the fast path when expected', () => {
    for (const [filter, exact] of CASES) {
      const expected = countDocuments(slow, filter);
      expect(countDocuments(fast, filter), JSON.stringify(filter)).toBe(expected);
      expect(countDocuments(fast, { $and: [filter] }), JSON.stringify(filter)).toBe(expected);
      expect(fast.exactCount(filter) !== undefined, JSON.stringify(filter)).toBe(exact);
      if (exact) expect(fast.exactCount(filter)).toBe(expected);
    }
    // Sanity: the data exercises every kind of value.
    expect(countDocuments(slow, { ws: 'A', deleted: false })).toBeGreaterThan(100);
    expect(countDocuments(slow, { ws: null })).toBeGreaterThan(0);
    expect(countDocuments(slow, { 'a.b': null })).toBeGreaterThan(0);
    expect(countDocuments(slow, { ws: 'A', tags: 't1' })).toBeGreaterThan(0);
  });

  it('counts without evaluating any document on the fast path', () => {
    const view = vi.spyOn(fast, 'view');
    try {
      expect(countDocuments(fast, { ws: 'A', deleted: false })).toBeGreaterThan(0);
      expect(
        countDocuments(fast, { ws: 'A', deleted: false, status: { $in: ['none', 'needs_reconnect'] } }),
      ).toBeGreaterThan(0);
      expect(view).not.toHaveBeenCalled();
      countDocuments(fast, { ws: 'A', tags: 't1' }); // multikey index: mingo tests the candidates
      expect(view).toHaveBeenCalled();
    } finally {
      view.mockRestore();
    }
  });

  it('finds the same documents in the same order as the mingo-tested candidates', () => {
    for (const [filter] of CASES) {
      const label = JSON.stringify(filter);
      const reference = ids(findDocuments(fast, { filter: { $and: [filter] } }));
      expect(ids(findDocuments(fast, { filter })), label).toEqual(reference);
      expect(new Set(reference), label).toEqual(new Set(ids(findDocuments(slow, { filter }))));
      const page = { sort: { n: -1, _id: 1 }, skip: 3, limit: 7 };
      expect(ids(findDocuments(fast, { filter, ...page })), label).toEqual(
        ids(findDocuments(slow, { filter, ...page })),
      );
      expect(ids(findDocuments(fast, { filter, sort: { $natural: -1 }, limit: 5 })), label).toEqual(
        reference.reverse().slice(0, 5),
      );
    }
    const view = vi.spyOn(fast, 'view');
    try {
      expect(findDocuments(fast, { filter: { ws: 'B', deleted: false } }).length).toBeGreaterThan(0);
      expect(view).not.toHaveBeenCalled();
    } finally {
      view.mockRestore();
    }
  });

  it('aggregates the same documents when the leading $match is answered by the index', () => {
    for (const [filter] of CASES) {
      const label = JSON.stringify(filter);
      const pipeline = [
        { $match: filter },
        { $group: { _id: '$status', k: { $sum: 1 } } },
        { $sort: { k: 1, _id: 1 } },
      ];
      expect(aggregateDocuments(fast, pipeline, { resolver: () => [] }), label).toEqual(
        aggregateDocuments(slow, pipeline, { resolver: () => [] }),
      );
      expect(ids(aggregateDocuments(fast, [{ $match: filter }], { resolver: () => [] })), label).toEqual(
        ids(findDocuments(fast, { filter: { $and: [filter] } })),
      );
    }
  });

  it('leaves the fast path while an indexed field holds an array, and comes back when it is gone', () => {
    const coll = indexed(DOCS.slice(0, 200));
    const filter = { ws: 'A', deleted: false };
    expect(coll.exactCount(filter)).toBe(countDocuments(plain(DOCS.slice(0, 200)), filter));
    const id = coll.docs.keys().next().value as string;
    const doc = coll.get(id) as Document;
    coll.replace(id, { ...doc, deleted: [false, true] });
    expect(coll.exactCount(filter)).toBeUndefined();
    expect(coll.exactCount({ ws: 'A', when: DATES[0] })).toBeDefined(); // other indexes unaffected
    const docs = [...coll.docs.values()];
    expect(countDocuments(coll, filter)).toBe(countDocuments(plain(docs), filter));
    coll.replace(id, { ...doc, deleted: { x: [1] } }); // an array below the indexed field is no key
    expect(coll.exactCount(filter)).toBeDefined();
    coll.replace(id, { ...doc, deleted: [] });
    expect(coll.exactCount(filter)).toBeUndefined();
    coll.remove(id);
    expect(coll.exactCount(filter)).toBe(countDocuments(plain([...coll.docs.values()]), filter));
    const nested = indexed(DOCS.slice(0, 50));
    nested.insert({ _id: 'arr', a: [{ b: 1 }] });
    expect(nested.exactCount({ 'a.b': 1 })).toBeUndefined();
    expect(countDocuments(nested, { 'a.b': 1 })).toBe(
      countDocuments(plain([...nested.docs.values()]), { 'a.b': 1 }),
    );
  });

  it('keeps numbers on the slow path while the collection holds int64 or Decimal128 values', () => {
    const coll = indexed(DOCS.slice(0, 200));
    coll.insert({ _id: 'wide', ws: 'A', deleted: false, status: 'active', n: 2n ** 40n });
    expect(coll.exactCount({ ws: 'A', deleted: false, status: 'active', n: 2 ** 40 })).toBeUndefined();
    expect(coll.exactCount({ ws: 'A', deleted: false, status: 'active' })).toBeDefined();
    const docs = [...coll.docs.values()];
    const filter = { ws: 'A', deleted: false, status: 'active', n: 2 ** 40 };
    expect(countDocuments(coll, filter)).toBe(countDocuments(plain(docs), { $and: [filter] }));
  });

  it('never answers exactly under a collation', () => {
    const caseInsensitive = parseCollation({ locale: 'en', strength: 2 });
    expect(fast.exactCount({ ws: 'A' }, caseInsensitive)).toBeUndefined();
    expect(fast.plan({ ws: 'A' }, caseInsensitive).exact).toBe(false);
    expect(fast.plan({ ws: 'A' }).exact).toBe(true);
    expect(fast.exactCount({ ws: 'A' }, parseCollation({ locale: 'simple' }))).toBe(
      countDocuments(slow, { ws: 'A' }),
    );
  });
});

describe('count-shaped aggregate pipelines', () => {
  const ctx = {
    store: new Store(),
    cursors: new CursorManager(),
    db: 'db',
    connectionId: 0,
    changed: () => {},
    logger: pino({ level: 'silent' }),
  };
  const fast = ctx.store.getOrCreate('db', 'fast');
  for (const spec of [
    { key: { ws: 1, deleted: 1, status: 1, n: 1 } },
    { key: { ws: 1, deleted: 1, oid: 1 } },
    { key: { ws: 1, tags: 1 } },
  ]) {
    fast.createIndex(spec);
  }
  const slow = ctx.store.getOrCreate('db', 'slow');
  for (const doc of DOCS) {
    fast.insert(doc);
    slow.insert(doc);
  }
  const aggregate = (coll: string, pipeline: Document[]) =>
    (runCommand({ aggregate: coll, pipeline, cursor: {} }, ctx).cursor as Document).firstBatch as Document[];

  const FILTERS: Document[] = [
    { ws: 'A', deleted: false },
    { ws: 'A', deleted: false, status: { $in: ['none', 'needs_reconnect', 'none'] }, n: 1 },
    { ws: { $in: ['A', 'B', 'A'] }, deleted: null },
    { ws: 'C', deleted: true, status: 'nothing-matches' },
    { ws: 'A', tags: 't1' },
    { ws: 'A', status: 'active' },
  ];
  const TAILS: Document[][] = [
    [],
    [{ $skip: 10 }],
    [{ $limit: 25 }],
    [{ $skip: 5 }, { $limit: 3 }],
    [{ $skip: 100_000 }],
  ];
  const GROUPS: Document[] = [
    { _id: 1, n: { $sum: 1 } },
    { _id: null, total: { $sum: 1 } },
    { _id: 'all', count: { $sum: 1 } },
    { count: { $sum: 1 }, _id: 0 },
    { _id: '$ws', n: { $sum: 1 } }, // not a constant: the Aggregator groups
    { _id: 1, n: { $sum: 2 } },
  ];

  it('answer what the Aggregator answers on an unindexed collection', () => {
    for (const filter of FILTERS) {
      for (const tail of TAILS) {
        for (const group of GROUPS) {
          // Which documents a $skip/$limit keeps depends on the (unspecified) order: only a
          // constant group is independent of it.
          if (tail.length > 0 && typeof group._id === 'string' && group._id.startsWith('$')) continue;
          const pipeline = [{ $match: filter }, ...tail, { $group: group }];
          const byId = (docs: Document[]) =>
            [...docs].sort((x, y) => keyOf(x._id).localeCompare(keyOf(y._id)));
          expect(byId(aggregate('fast', pipeline)), JSON.stringify(pipeline)).toEqual(
            byId(aggregate('slow', pipeline)),
          );
        }
      }
    }
  });

  it('take the fast path for the driver countDocuments pipeline', () => {
    const view = vi.spyOn(fast, 'view');
    const aggregationView = vi.spyOn(fast, 'aggregationView');
    try {
      const expected = countDocuments(slow, { ws: 'A', deleted: false });
      expect(
        aggregate('fast', [{ $match: { ws: 'A', deleted: false } }, { $group: { _id: 1, n: { $sum: 1 } } }]),
      ).toEqual([{ _id: 1, n: expected }]);
      expect(
        aggregate('fast', [
          { $match: { ws: 'A', deleted: false } },
          { $skip: 2 },
          { $limit: 5 },
          { $group: { _id: null, c: { $sum: 1 } } },
        ]),
      ).toEqual([{ _id: null, c: 5 }]);
      expect(
        aggregate('fast', [{ $match: { ws: 'nobody' } }, { $group: { _id: 1, n: { $sum: 1 } } }]),
      ).toEqual([]);
      const count = runCommand(
        { count: 'fast', query: { ws: 'A', deleted: false }, skip: 1, limit: 1_000_000 },
        ctx,
      );
      expect(count.n).toBe(expected - 1);
      expect(view).not.toHaveBeenCalled();
      expect(aggregationView).not.toHaveBeenCalled();
    } finally {
      view.mockRestore();
      aggregationView.mockRestore();
    }
  });
});

describe('exact counts through the driver', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness('exact_count');
    const fast = h.db.collection('fast');
    await fast.createIndex({ ws: 1, deleted: 1, status: 1, n: 1 });
    await fast.createIndex({ ws: 1, deleted: 1, oid: 1 });
    await fast.createIndex({ ws: 1, tags: 1 });
    await fast.createIndex({ sp: 1 }, { sparse: true });
    await fast.insertMany(DOCS);
    await h.db.collection('slow').insertMany(DOCS);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('countDocuments and count agree with an unindexed collection, with skip and limit', async () => {
    const fast = h.db.collection('fast');
    const slow = h.db.collection('slow');
    for (const [filter] of CASES) {
      const label = JSON.stringify(filter);
      for (const options of [{}, { skip: 7 }, { limit: 11 }, { skip: 3, limit: 4 }]) {
        const expected = await slow.countDocuments(filter, options);
        expect(await fast.countDocuments(filter, options), label).toBe(expected);
      }
      expect(await fast.count(filter), label).toBe(await slow.countDocuments(filter));
    }
  });
});
