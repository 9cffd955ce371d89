// Conformance, class 3: `$pull` conditions as MongoDB documents them. "If you specify a <condition>
// and the array elements are embedded documents, $pull operator applies the <condition> as if each
// array element were a document in a collection" — so a query with `$or` works on them too.
//   https://www.mongodb.com/docs/v7.0/reference/operator/update/pull/
import { describe, expect, it } from 'vitest';
import { connect, expectServerError, TARGETS } from './targets.js';

describe.each(TARGETS)('$pull ($name)', (target) => {
  const conn = connect(target, 'pull');

  it('removes the elements matching an $or query on embedded documents', async () => {
    const c = conn.db.collection('teams');
    await c.insertOne({
      _id: 1,
      members: [
        { name: 'A', role: 'B' },
        { name: 'A', role: 'C' },
        { name: 'D', role: 'E' },
      ],
    } as never);
    const res = await c.updateOne(
      { _id: 1 } as never,
      {
        $pull: { members: { $or: [{ name: 'A', role: 'B' }, { name: 'D' }] } },
      } as never,
    );
    expect(res.modifiedCount).toBe(1);
    expect((await c.findOne({ _id: 1 } as never))?.members).toEqual([{ name: 'A', role: 'C' }]);
  });

  it('removes values equal to a listed one ($in) and matching a condition ($gte)', async () => {
    const stores = conn.db.collection('stores');
    await stores.insertOne({
      _id: 1,
      fruits: ['apples', 'pears', 'oranges', 'grapes', 'bananas'],
      vegetables: ['carrots', 'celery', 'squash', 'carrots'],
    } as never);
    await stores.updateMany({}, {
      $pull: { fruits: { $in: ['apples', 'oranges'] }, vegetables: 'carrots' },
    } as never);
    expect(await stores.findOne({ _id: 1 } as never)).toEqual({
      _id: 1,
      fruits: ['pears', 'grapes', 'bananas'],
      vegetables: ['celery', 'squash'],
    });
    const profiles = conn.db.collection('profiles');
    await profiles.insertOne({ _id: 1, votes: [3, 5, 6, 7, 7, 8] } as never);
    await profiles.updateOne({ _id: 1 } as never, { $pull: { votes: { $gte: 6 } } } as never);
    expect((await profiles.findOne({ _id: 1 } as never))?.votes).toEqual([3, 5]);
  });

  it('applies a document condition to each element, other fields allowed, and $elemMatch inside it', async () => {
    const survey = conn.db.collection('survey');
    await survey.insertMany([
      {
        _id: 1,
        results: [
          { item: 'A', score: 5 },
          { item: 'B', score: 8, comment: 'Strongly agree' },
        ],
      },
      {
        _id: 2,
        results: [
          {
            item: 'C',
            score: 8,
            answers: [
              { q: '1', a: 4 },
              { q: '2', a: 6 },
            ],
          },
          {
            item: 'B',
            score: 4,
            answers: [
              { q: '1', a: 0 },
              { q: '2', a: 8 },
            ],
          },
        ],
      },
    ] as never[]);
    await survey.updateOne({ _id: 1 } as never, { $pull: { results: { score: 8, item: 'B' } } } as never);
    await survey.updateOne(
      { _id: 2 } as never,
      {
        $pull: { results: { answers: { $elemMatch: { q: '2', a: { $gte: 8 } } } } },
      } as never,
    );
    const docs = await survey.find({}, { sort: { _id: 1 } }).toArray();
    expect(docs.map((d) => (d.results as { item: string }[]).map((r) => r.item))).toEqual([['A'], ['C']]);
  });

  it('removes only equal arrays when the value is an array, and refuses a non-array field', async () => {
    const c = conn.db.collection('nested');
    await c.insertOne({
      _id: 1,
      pairs: [
        [1, 2],
        [2, 1],
        [1, 2, 3],
      ],
      n: 5,
    } as never);
    await c.updateOne({ _id: 1 } as never, { $pull: { pairs: [1, 2] } } as never);
    expect((await c.findOne({ _id: 1 } as never))?.pairs).toEqual([
      [2, 1],
      [1, 2, 3],
    ]);
    await expectServerError(c.updateOne({ _id: 1 } as never, { $pull: { n: 5 } } as never), {
      code: 2,
      errmsg: /^Cannot apply \$pull to a non-array value$/,
    });
    const res = await c.updateOne({ _id: 1 } as never, { $pull: { missing: 1 } } as never);
    expect(res.modifiedCount).toBe(0);
  });
});
