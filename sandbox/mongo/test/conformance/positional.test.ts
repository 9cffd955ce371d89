// Conformance, class 2: the positional `$` touching several paths of the matched element, and the
// other array update forms, with MongoDB's conflict rule.
//   https://www.mongodb.com/docs/v7.0/reference/operator/update/positional/
//   https://www.mongodb.com/docs/v7.0/reference/operator/update/positional-all/
//   https://www.mongodb.com/docs/v7.0/reference/operator/update/positional-filtered/
import { describe, expect, it } from 'vitest';
import { connect, expectServerError, TARGETS } from './targets.js';

describe.each(TARGETS)('positional updates ($name)', (target) => {
  const conn = connect(target, 'positional');

  it('updates several fields of the element the query matched (the documented grades example)', async () => {
    const students = conn.db.collection('students');
    await students.insertOne({
      _id: 4,
      grades: [
        { grade: 80, mean: 75, std: 8 },
        { grade: 85, mean: 90, std: 5 },
        { grade: 85, mean: 85, std: 8 },
      ],
    } as never);
    // What mongoose's child timestamps send: two `$` paths in one $set, and $set + $inc together.
    await students.updateOne({ _id: 4, 'grades.grade': 85 } as never, {
      $set: { 'grades.$.std': 6, 'grades.$.updatedAt': new Date(0) },
      $inc: { 'grades.$.mean': 1 },
    });
    expect((await students.findOne({ _id: 4 } as never))?.grades).toEqual([
      { grade: 80, mean: 75, std: 8 },
      { grade: 85, mean: 91, std: 6, updatedAt: new Date(0) },
      { grade: 85, mean: 85, std: 8 },
    ]);
  });

  it('takes the position from an $elemMatch with several conditions', async () => {
    const students = conn.db.collection('students_em');
    await students.insertOne({
      _id: 5,
      grades: [
        { grade: 80, mean: 75, std: 8 },
        { grade: 85, mean: 90, std: 5 },
        { grade: 90, mean: 85, std: 3 },
      ],
    } as never);
    await students.updateOne(
      { _id: 5, grades: { $elemMatch: { grade: { $lte: 90 }, mean: { $gt: 80 } } } } as never,
      { $set: { 'grades.$.std': 6 } },
    );
    const grades = (await students.findOne({ _id: 5 } as never))?.grades as { std: number }[];
    expect(grades.map((g) => g.std)).toEqual([8, 6, 3]);
  });

  it('refuses `$` when the query did not match the array', async () => {
    const c = conn.db.collection('nomatch');
    await c.insertOne({ _id: 1, items: [{ k: 1 }] } as never);
    await expectServerError(c.updateOne({ _id: 1 } as never, { $set: { 'items.$.k': 2 } }), {
      code: 2,
      errmsg: /^The positional operator did not find the match needed from the query\.$/,
    });
  });

  it('updates every element with $[] and the filtered ones with $[<identifier>]', async () => {
    const c = conn.db.collection('filtered');
    await c.insertMany([
      { _id: 1, grades: [95, 92, 90] },
      { _id: 2, grades: [98, 100, 102] },
    ] as never[]);
    await c.updateMany({}, { $inc: { 'grades.$[]': 10 } });
    await c.updateMany(
      {},
      { $set: { 'grades.$[element]': 100 } },
      { arrayFilters: [{ element: { $gte: 110 } }] },
    );
    const docs = await c.find({}, { sort: { _id: 1 } }).toArray();
    expect(docs.map((d) => d.grades)).toEqual([
      [105, 102, 100],
      [108, 100, 100],
    ]);
  });

  it('refuses two paths where one is the other or inside it (ConflictingUpdateOperators)', async () => {
    const c = conn.db.collection('conflicts');
    await c.insertOne({ _id: 1, a: { b: 1 } } as never);
    await expectServerError(c.updateOne({ _id: 1 } as never, { $set: { a: { b: 2 }, 'a.b': 3 } }), {
      code: 40,
      errmsg: /^Updating the path 'a\.b' would create a conflict at 'a'$/,
    });
    await expectServerError(c.updateOne({ _id: 1 } as never, { $set: { n: 1 }, $inc: { n: 1 } }), {
      code: 40,
      errmsg: /^Updating the path 'n' would create a conflict at 'n'$/,
    });
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, a: { b: 1 } });
  });
});
