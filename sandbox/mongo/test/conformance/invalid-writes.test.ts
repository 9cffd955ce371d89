// Conformance, class 4: writes MongoDB refuses, with its codes and messages.
//   Error codes (28 PathNotViable, 14 TypeMismatch, 72 InvalidOptions):
//     https://www.mongodb.com/docs/v7.0/reference/error-codes/
//   "$push ... If the field is not an array, the operation will fail."
//     https://www.mongodb.com/docs/v7.0/reference/operator/update/push/
//   "$inc ... Use of the $inc operator on a field with a null value will generate an error."
//     https://www.mongodb.com/docs/v7.0/reference/operator/update/inc/
//   "size ... Required if capped is true." https://www.mongodb.com/docs/v7.0/reference/method/db.createCollection/
// The messages are mongod's (src/mongo/db/update/*_node.cpp); mongod answers BadValue (2), not
// TypeMismatch, for $push, $addToSet and $pull on a non-array.
import { describe, expect, it } from 'vitest';
import { connect, expectServerError, TARGETS } from './targets.js';

describe.each(TARGETS)('invalid writes ($name)', (target) => {
  const conn = connect(target, 'invalid_writes');

  it('refuses a field path through an array of documents or a scalar (PathNotViable)', async () => {
    const c = conn.db.collection('posts');
    await c.insertOne({ _id: 1, comments: [{ body: 'a' }], n: 5 } as never);
    await expectServerError(c.updateOne({ _id: 1 } as never, { $set: { 'comments.body': 'x' } }), {
      code: 28,
      errmsg: /^Cannot create field 'body' in element \{comments: \[ \{ body: "a" \} \]\}$/,
    });
    await expectServerError(c.updateOne({ _id: 1 } as never, { $set: { 'n.x': 1 } }), {
      code: 28,
      errmsg: /^Cannot create field 'x' in element \{n: 5\}$/,
    });
    // Removing through such a path does nothing.
    expect((await c.updateOne({ _id: 1 } as never, { $unset: { 'comments.body': '' } })).modifiedCount).toBe(
      0,
    );
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, comments: [{ body: 'a' }], n: 5 });
  });

  it('refuses array operators on a non-array and arithmetic on a non-number', async () => {
    const c = conn.db.collection('typed');
    await c.insertOne({ _id: 'num', n: 5, s: 'text' } as never);
    const filter = { _id: 'num' } as never;
    await expectServerError(c.updateOne(filter, { $push: { n: 1 } } as never), {
      code: 2,
      errmsg: /^The field 'n' must be an array but is of type int in document \{_id: "num"\}$/,
    });
    await expectServerError(c.updateOne(filter, { $addToSet: { n: 1 } } as never), {
      code: 2,
      errmsg: /^Cannot apply \$addToSet to non-array field\. Field named 'n' has non-array type int$/,
    });
    await expectServerError(c.updateOne(filter, { $pop: { n: 1 } } as never), {
      code: 14,
      errmsg: /^Path 'n' contains an element of non-array type 'int'$/,
    });
    await expectServerError(c.updateOne(filter, { $inc: { s: 1 } } as never), {
      code: 14,
      errmsg:
        /^Cannot apply \$inc to a value of non-numeric type\. \{_id: "num"\} has the field 's' of non-numeric type string$/,
    });
    await expectServerError(c.updateOne(filter, { $inc: { n: 'one' } } as never), {
      code: 14,
      errmsg: /^Cannot increment with non-numeric argument: \{n: "one"\}$/,
    });
    expect(await c.findOne(filter)).toEqual({ _id: 'num', n: 5, s: 'text' });
  });

  it('refuses a capped collection without a size, and a size without capped (InvalidOptions)', async () => {
    await expectServerError(conn.db.command({ create: 'capped_no_size', capped: true }), {
      code: 72,
      codeName: 'InvalidOptions',
      errmsg: /^the 'size' field is required when 'capped' is true$/,
    });
    await expectServerError(conn.db.command({ create: 'size_no_capped', size: 4096 }), {
      code: 72,
      codeName: 'InvalidOptions',
      errmsg: /^the 'capped' field needs to be true when either the 'size' or 'max' fields are present$/,
    });
    const names = (await conn.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).not.toContain('capped_no_size');
    await conn.db.createCollection('capped_ok', { capped: true, size: 4096 });
    const [info] = await conn.db.listCollections({ name: 'capped_ok' }).toArray();
    expect(info && 'options' in info ? info.options : undefined).toMatchObject({ capped: true, size: 4096 });
  });
});
