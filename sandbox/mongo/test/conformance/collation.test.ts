// Conformance, class 7: collation.
//   Locales are ICU's ("en_US", "de@collation=phonebook"); strength 1 compares base characters
//   only, 2 also diacritics: https://www.mongodb.com/docs/v7.0/reference/collation/
//   "If you do not specify a collation ... the operation uses the collection's default collation";
//   indexes "inherit the default collation of the collection" unless they specify one:
//     https://www.mongodb.com/docs/v7.0/reference/method/db.createCollection/#specify-collation
//   Case-insensitive indexes: https://www.mongodb.com/docs/v7.0/core/index-case-insensitive/
import type { CollationOptions } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { connect, expectServerError, TARGETS } from './targets.js';

describe.each(TARGETS)('collation ($name)', (target) => {
  const conn = connect(target, 'collation');

  it('accepts ICU locale spellings and compares at the requested strength', async () => {
    const c = conn.db.collection('words');
    await c.insertMany([
      { _id: 1, w: 'cafe' },
      { _id: 2, w: 'CAFE' },
      { _id: 3, w: 'café' },
      { _id: 4, w: 'tea' },
    ] as never[]);
    const ids = async (collation: CollationOptions) =>
      (await c.find({ w: 'cafe' }, { collation, sort: { _id: 1 } }).toArray()).map((d) => d._id);
    expect(await ids({ locale: 'en_US', strength: 1 })).toEqual([1, 2, 3]);
    expect(await ids({ locale: 'en_US', strength: 2 })).toEqual([1, 2]);
    expect(await ids({ locale: 'en' })).toEqual([1]);
    expect(
      await c.countDocuments({ w: { $in: ['CAFÉ'] } }, { collation: { locale: 'fr', strength: 1 } }),
    ).toBe(3);
    expect(await c.countDocuments({ w: { $gt: 'CAFE' } }, { collation: { locale: 'en', strength: 2 } })).toBe(
      2,
    );
  });

  it('refuses a locale ICU does not know', async () => {
    await expectServerError(
      conn.db.collection('words').findOne({}, { collation: { locale: 'xx_nowhere' } }),
      {
        code: 2,
        codeName: 'BadValue',
        errmsg: /locale/,
      },
    );
  });

  it("applies the collection's default collation to queries, and to indexes created without one", async () => {
    await conn.db.createCollection('people', { collation: { locale: 'en', strength: 2 } });
    const people = conn.db.collection('people');
    await people.createIndex({ name: 1 }, { unique: true });
    await people.insertOne({ name: 'Anne' });
    expect(await people.countDocuments({ name: 'anne' })).toBe(1);
    expect(await people.distinct('name', { name: 'ANNE' })).toEqual(['Anne']);
    // The simple collation asked for explicitly is binary comparison again.
    expect(await people.countDocuments({ name: 'anne' }, { collation: { locale: 'simple' } })).toBe(0);
    const index = (await people.indexes()).find((i) => i.name === 'name_1');
    expect(index?.collation).toMatchObject({ locale: 'en', strength: 2 });
    const [info] = await conn.db.listCollections({ name: 'people' }, { nameOnly: false }).toArray();
    expect(info && 'options' in info ? info.options?.collation : undefined).toMatchObject({
      locale: 'en',
      strength: 2,
      caseLevel: false,
    });
    // A case-insensitive unique index: 'ANNE' is the same key as 'Anne'.
    await expectServerError(people.insertOne({ name: 'ANNE' }), {
      code: 11000,
      errmsg: /E11000 duplicate key error/,
    });
  });

  it('sorts under a collation', async () => {
    const c = conn.db.collection('sorted');
    await c.insertMany([{ w: 'b' }, { w: 'B' }, { w: 'a' }, { w: 'C' }]);
    const words = (
      await c.find({}, { collation: { locale: 'en' }, sort: { w: 1 }, projection: { _id: 0 } }).toArray()
    ).map((d) => d.w);
    expect(words).toEqual(['a', 'b', 'B', 'C']);
  });
});
