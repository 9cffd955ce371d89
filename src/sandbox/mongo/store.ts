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
