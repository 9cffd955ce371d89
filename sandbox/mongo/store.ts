// The catalog: databases → collections. Collections are created implicitly by the first write,
// like MongoDB does.
import type { Document } from 'bson';
import { Collection } from './collection.js';
import { MongoServerError } from './errors.js';

export class Store {
  readonly databases = new Map<string, Map<string, Collection>>();
  /** Bumped on every change so persistence knows when to write. */
  version = 0;

  get(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  getOrCreate(db: string, name: string, options: Document = {}): Collection {
    validateName(db, name);
    let colls = this.databases.get(db);
    if (!colls) {
      colls = new Map();
      this.databases.set(db, colls);
    }
    let coll = colls.get(name);
    if (!coll) {
      coll = new Collection(db, name, options);
      colls.set(name, coll);
    }
    return coll;
  }

  /** Moves a collection (with its documents and indexes) to a new namespace. */
  rename(db: string, name: string, toDb: string, toName: string): void {
    const coll = this.get(db, name);
    if (!coll) throw new MongoServerError('NamespaceNotFound', 'Source collection does not exist');
    this.getOrCreate(toDb, toName); // validates the target name
    this.drop(toDb, toName);
    this.drop(db, name);
    coll.db = toDb;
    coll.name = toName;
    let colls = this.databases.get(toDb);
    if (!colls) {
      colls = new Map();
      this.databases.set(toDb, colls);
    }
    colls.set(toName, coll);
  }

  drop(db: string, name: string): boolean {
    const colls = this.databases.get(db);
    const existed = colls?.delete(name) ?? false;
    if (colls && colls.size === 0) this.databases.delete(db);
    return existed;
  }

  dropDatabase(db: string): boolean {
    return this.databases.delete(db);
  }

  collections(db: string): Collection[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }

  all(): Collection[] {
    return [...this.databases.values()].flatMap((c) => [...c.values()]);
  }
}

function validateName(db: string, name: string): void {
  if (db.length === 0 || /[/\\. "$]/.test(db)) {
    throw new MongoServerError('InvalidNamespace', `Invalid database name: '${db}'`);
  }
  if (name.length === 0 || name.includes('$') || name.includes('\u0000')) {
    throw new MongoServerError('InvalidNamespace', `Invalid collection name: ${name}`);
  }
}
