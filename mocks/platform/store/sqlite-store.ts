/**
 * The platform's records in an embedded SQLite database (`--data DIR`): one file, WAL journal,
 * every write in a transaction committed before the HTTP answer goes out, so a platform killed
 * mid-request loses nothing it already answered. The schema is versioned (PRAGMA user_version):
 * each migration runs once, in order, in its own transaction. Node only.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Collection, RecordStore } from './record-store';

export const DATABASE_FILE = 'platform.sqlite';

/** Index = the schema version it brings the database to, minus one. Never edit one; append. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE records (
     collection TEXT NOT NULL,
     id TEXT NOT NULL,
     owner TEXT,
     body TEXT NOT NULL,
     seq INTEGER NOT NULL,
     PRIMARY KEY (collection, id)
   );
   CREATE INDEX records_by_owner ON records (collection, owner, seq);
   CREATE INDEX records_in_order ON records (collection, seq);
   CREATE INDEX records_by_seq ON records (seq);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

interface Row {
  body: string;
}

export class SqliteStore implements RecordStore {
  private readonly db: Database.Database;
  private readonly statements: {
    get: Database.Statement<[string, string], Row>;
    put: Database.Statement<[string, string, string | null, string]>;
    delete: Database.Statement<[string, string]>;
    list: Database.Statement<[string], Row>;
    listOwned: Database.Statement<[string, string], Row>;
    count: Database.Statement<[string], { n: number }>;
  };

  /** Opens (or creates) `DIR/platform.sqlite` and brings its schema up to date. */
  static open(dataDir: string): SqliteStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteStore(new Database(path.join(dataDir, DATABASE_FILE)));
  }

  constructor(db: Database.Database) {
    this.db = db;
    db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before the answer leaves, even if the machine (not just the
    // process) goes down right after.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    this.statements = {
      get: db.prepare('SELECT body FROM records WHERE collection = ? AND id = ?'),
      put: db.prepare(
        `INSERT INTO records (collection, id, owner, body, seq)
         VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM records))
         ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body,
           owner = COALESCE(excluded.owner, records.owner)`,
      ),
      delete: db.prepare('DELETE FROM records WHERE collection = ? AND id = ?'),
      list: db.prepare('SELECT body FROM records WHERE collection = ? ORDER BY seq'),
      listOwned: db.prepare('SELECT body FROM records WHERE collection = ? AND owner = ? ORDER BY seq'),
      count: db.prepare('SELECT COUNT(*) AS n FROM records WHERE collection = ?'),
    };
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  transaction<T>(work: () => T): T {
    if (this.db.inTransaction) return work();
    return this.db.transaction(work).immediate();
  }

  get<T>(collection: Collection, id: string): T | undefined {
    const row = this.statements.get.get(collection, id);
    return row ? (JSON.parse(row.body) as T) : undefined;
  }

  put(collection: Collection, id: string, value: unknown, owner?: string): void {
    this.statements.put.run(collection, id, owner ?? null, JSON.stringify(value));
  }

  delete(collection: Collection, id: string): void {
    this.statements.delete.run(collection, id);
  }

  list<T>(collection: Collection, owner?: string): T[] {
    const rows =
      owner === undefined
        ? this.statements.list.all(collection)
        : this.statements.listOwned.all(collection, owner);
    return rows.map((row) => JSON.parse(row.body) as T);
  }

  count(collection: Collection): number {
    return this.statements.count.get(collection)?.n ?? 0;
  }

  clear(): void {
    this.transaction(() => this.db.prepare('DELETE FROM records').run());
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the data directory's database is at schema ${current}, newer than this platform's ${MIGRATIONS.length}`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
