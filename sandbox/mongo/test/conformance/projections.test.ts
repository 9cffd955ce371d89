// Conformance, class 6: array projections.
//   "$elemMatch ... limits the contents of an <array> field from the query results to contain only
//   the first element matching the $elemMatch condition."
//     https://www.mongodb.com/docs/v7.0/reference/operator/projection/elemMatch/
//   "The positional $ operator limits the contents of an <array> to return the first element that
//   matches the query condition on the array."
//     https://www.mongodb.com/docs/v7.0/reference/operator/projection/positional/
import { describe, expect, it } from 'vitest';
import { connect, TARGETS } from './targets.js';

describe.each(TARGETS)('array projections ($name)', (target) => {
  const conn = connect(target, 'projections');

  it('projects the first element matching an $elemMatch with an operator on the element', async () => {
    const c = conn.db.collection('dates');
    const d = new Date('2024-01-01T00:00:00Z');
    await c.insertOne({
      _id: 1,
      name: 'x',
      dates: [
        new Date('2023-01-01T00:00:00Z'),
        new Date('2024-06-01T00:00:00Z'),
        new Date('2025-01-01T00:00:00Z'),
      ],
    } as never);
    const doc = await c.findOne({ _id: 1 } as never, { projection: { dates: { $elemMatch: { $gte: d } } } });
    expect(doc).toEqual({ _id: 1, dates: [new Date('2024-06-01T00:00:00Z')] });
    const none = await c.findOne({ _id: 1 } as never, {
      projection: { dates: { $elemMatch: { $gte: new Date('2030-01-01') } } },
    });
    expect(none).toEqual({ _id: 1 });
  });

  it('projects the documented schools example with $elemMatch on embedded documents', async () => {
    const schools = conn.db.collection('schools');
    await schools.insertMany([
      {
        _id: 1,
        zipcode: '63109',
        students: [
          { name: 'john', school: 102, age: 10 },
          { name: 'jess', school: 102, age: 11 },
          { name: 'jeff', school: 108, age: 15 },
        ],
      },
      {
        _id: 3,
        zipcode: '63109',
        students: [
          { name: 'ajax', school: 100, age: 7 },
          { name: 'achilles', school: 100, age: 8 },
        ],
      },
    ] as never[]);
    const docs = await schools
      .find(
        { zipcode: '63109' },
        { projection: { students: { $elemMatch: { school: 102 } } }, sort: { _id: 1 } },
      )
      .toArray();
    expect(docs).toEqual([{ _id: 1, students: [{ name: 'john', school: 102, age: 10 }] }, { _id: 3 }]);
  });

  it('projects the element an $elemMatch filter matched with `array.$`', async () => {
    const c = conn.db.collection('events');
    await c.insertOne({
      _id: 1,
      title: 't',
      events: [
        { k: 'a', v: 1 },
        { k: 'b', v: 2 },
        { k: 'b', v: 3 },
      ],
    } as never);
    const doc = await c.findOne({ _id: 1, events: { $elemMatch: { k: 'b', v: { $gt: 2 } } } } as never, {
      projection: { 'events.$': 1 },
    });
    expect(doc).toEqual({ _id: 1, events: [{ k: 'b', v: 3 }] });
    const withField = await c.findOne({ 'events.k': 'b' }, { projection: { title: 1, 'events.$': 1 } });
    expect(withField).toEqual({ _id: 1, title: 't', events: [{ k: 'b', v: 2 }] });
  });
});
