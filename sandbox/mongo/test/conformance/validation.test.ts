// Conformance, class 4 (validators): collection validators are enforced, with validationLevel and
// validationAction as documented, and failures answer 121 DocumentValidationFailure.
//   https://www.mongodb.com/docs/v7.0/core/schema-validation/specify-json-schema/
//   https://www.mongodb.com/docs/v7.0/core/schema-validation/specify-validation-level/
//   https://www.mongodb.com/docs/v7.0/core/schema-validation/handle-invalid-documents/
//   https://www.mongodb.com/docs/v7.0/core/schema-validation/bypass-document-validation/
import { Double, Int32 } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connect, expectServerError, TARGETS } from './targets.js';

// The documented students schema.
const studentsSchema = {
  bsonType: 'object',
  title: 'Student Object Validation',
  required: ['address', 'major', 'name', 'year'],
  properties: {
    name: { bsonType: 'string', description: "'name' must be a string and is required" },
    year: {
      bsonType: 'int',
      minimum: 2017,
      maximum: 3017,
      description: "'year' must be an integer in [ 2017, 3017 ] and is required",
    },
    gpa: { bsonType: ['double'], description: "'gpa' must be a double if the field exists" },
  },
};

// The part of MongoDB's errInfo.details the tests read.
const detailsSchema = z.object({
  operatorName: z.string(),
  schemaRulesNotSatisfied: z.array(
    z.looseObject({
      operatorName: z.string(),
      missingProperties: z.array(z.string()).optional(),
      propertiesNotSatisfied: z.array(z.looseObject({ propertyName: z.string() })).optional(),
    }),
  ),
});

const alice = {
  name: 'Alice',
  year: new Int32(2019),
  major: 'History',
  address: { city: 'NYC', street: '33rd Street' },
};

describe.each(TARGETS)('collection validators ($name)', (target) => {
  const conn = connect(target, 'validation');

  it('refuses the documented invalid student (gpa an int) and accepts it with a double gpa', async () => {
    await conn.db.createCollection('students', { validator: { $jsonSchema: studentsSchema } });
    const students = conn.db.collection('students');
    const err = await expectServerError(students.insertOne({ ...alice, gpa: new Int32(3) }), {
      code: 121,
      errmsg: /^Document failed validation$/,
    });
    const details = detailsSchema.parse(err.errInfo?.details);
    expect(details.operatorName).toBe('$jsonSchema');
    const properties = details.schemaRulesNotSatisfied.find((r) => r.operatorName === 'properties');
    expect(properties?.propertiesNotSatisfied?.map((p) => p.propertyName)).toEqual(['gpa']);
    expect(err.errInfo?.failingDocumentId).toBeDefined();

    await students.insertOne({ ...alice, gpa: new Double(3.0) });
    const stored = await students.findOne({ name: 'Alice' }, { promoteValues: false });
    expect(stored?.gpa).toBeInstanceOf(Double);
    expect(await students.countDocuments({ gpa: { $type: 'double' } })).toBe(1);
  });

  it('names the missing required properties', async () => {
    const students = conn.db.collection('students');
    const err = await expectServerError(students.insertOne({ name: 'Bob' }), {
      code: 121,
      errmsg: /^Document failed validation$/,
    });
    const rules = detailsSchema.parse(err.errInfo?.details).schemaRulesNotSatisfied;
    expect(rules.find((r) => r.operatorName === 'required')?.missingProperties?.sort()).toEqual([
      'address',
      'major',
      'year',
    ]);
  });

  it('checks updates too, and lets bypassDocumentValidation through', async () => {
    const students = conn.db.collection('students');
    await expectServerError(students.updateOne({ name: 'Alice' }, { $set: { year: new Int32(1999) } }), {
      code: 121,
      errmsg: /^Document failed validation$/,
    });
    await students.updateOne(
      { name: 'Alice' },
      { $set: { year: new Int32(1999) } },
      { bypassDocumentValidation: true },
    );
    expect((await students.findOne({ name: 'Alice' }))?.year).toBe(1999);
  });

  it('with validationLevel moderate, does not check updates of documents that were already invalid', async () => {
    const c = conn.db.collection('contacts');
    await c.insertMany([
      { _id: 1, name: 'Anne', phone: '+1 408-555-0101', email: 'anne@example.com' },
      { _id: 2, name: 'Ivan', city: 'Vancouver' },
    ] as never[]);
    await conn.db.command({
      collMod: 'contacts',
      validator: {
        $jsonSchema: {
          bsonType: 'object',
          required: ['phone', 'name'],
          properties: { phone: { bsonType: 'string' }, name: { bsonType: 'string' } },
        },
      },
      validationLevel: 'moderate',
    });
    // Ivan was already invalid: his update is not checked. Anne is valid: hers is.
    await c.updateOne({ _id: 2 } as never, { $set: { name: 1 } });
    await expectServerError(c.updateOne({ _id: 1 } as never, { $set: { name: 1 } }), {
      code: 121,
      errmsg: /^Document failed validation$/,
    });
    const [info] = await conn.db.listCollections({ name: 'contacts' }).toArray();
    expect(info && 'options' in info ? info.options : undefined).toMatchObject({
      validationLevel: 'moderate',
    });
  });

  it('with validationAction warn, accepts invalid documents', async () => {
    await conn.db.createCollection('warned', {
      validator: { $jsonSchema: { bsonType: 'object', required: ['name'] } },
      validationAction: 'warn',
    });
    await conn.db.collection('warned').insertOne({ nameless: true });
    expect(await conn.db.collection('warned').countDocuments()).toBe(1);
  });

  it('enforces query-operator validators', async () => {
    await conn.db.createCollection('orders', {
      validator: { $or: [{ status: 'open' }, { total: { $gte: 0 } }] },
    });
    const orders = conn.db.collection('orders');
    await orders.insertOne({ status: 'closed', total: 5 });
    await expectServerError(orders.insertOne({ status: 'closed', total: -1 }), {
      code: 121,
      errmsg: /^Document failed validation$/,
    });
    expect(await orders.countDocuments()).toBe(1);
  });
});
