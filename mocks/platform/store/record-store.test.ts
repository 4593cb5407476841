/**
 * Both stores keep records alike (copies, order, owners, transactions that land whole or not at
 * all); the SQLite one keeps them across a reopen and brings an empty file to the current schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MemoryStore, type RecordStore } from './record-store';
import { DATABASE_FILE, SCHEMA_VERSION, SqliteStore } from './sqlite-store';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'record-store-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let opened = 0;
const stores: [string, () => RecordStore][] = [
  ['memory', () => new MemoryStore()],
  ['sqlite', () => SqliteStore.open(path.join(dir, `db-${++opened}`))],
];

describe.each(stores)('%s store', (_, open) => {
  let store: RecordStore;
  beforeEach(() => {
    store = open();
  });
  afterEach(() => store.close());

  it('hands out copies: changing what it returned changes nothing stored', () => {
    const notice = { title: 'お知らせ', read: false };
    store.put('notices', 'n1', notice, '10010001');
    notice.read = true;
    const read = store.get<typeof notice>('notices', 'n1')!;
    read.title = 'changed';
    expect(store.get('notices', 'n1')).toEqual({ title: 'お知らせ', read: false });
  });

  it('lists by owner in the order records were first put; a replaced record keeps its owner and place', () => {
    store.put('notices', 'a', { n: 1 }, 'viewer-1');
    store.put('notices', 'b', { n: 2 }, 'viewer-2');
    store.put('notices', 'c', { n: 3 }, 'viewer-1');
    store.put('notices', 'a', { n: 4 });
    expect(store.list('notices', 'viewer-1')).toEqual([{ n: 4 }, { n: 3 }]);
    expect(store.list('notices')).toEqual([{ n: 4 }, { n: 2 }, { n: 3 }]);
    expect(store.list('receipts')).toEqual([]);
    expect(store.count('notices')).toBe(3);
    store.delete('notices', 'b');
    expect(store.get('notices', 'b')).toBeUndefined();
    expect(store.count('notices')).toBe(2);
  });

  it('lands a transaction whole or not at all', () => {
    store.put('bookings', 'kept', { ok: true });
    expect(() =>
      store.transaction(() => {
        store.put('bookings', 'new', { ok: false });
        store.delete('bookings', 'kept');
        throw new Error('the slot was taken meanwhile');
      }),
    ).toThrow('the slot was taken meanwhile');
    expect(store.list('bookings')).toEqual([{ ok: true }]);
    expect(store.transaction(() => (store.put('bookings', 'next', { ok: 2 }), 'done'))).toBe('done');
    expect(store.count('bookings')).toBe(2);
  });

  it('forgets everything on clear', () => {
    store.put('users', 'u', { id: 'u' });
    store.clear();
    expect(store.count('users')).toBe(0);
  });
});

describe('SqliteStore', () => {
  it('keeps records across a close and a reopen of the same directory', () => {
    const data = path.join(dir, 'reopen');
    const first = SqliteStore.open(data);
    first.put('receipts', 'r1', { readAt: '2026-12-07T00:00:00.000Z' }, 'sender-city');
    first.close();
    const second = SqliteStore.open(data);
    expect(second.list('receipts', 'sender-city')).toEqual([{ readAt: '2026-12-07T00:00:00.000Z' }]);
    expect(second.schemaVersion).toBe(SCHEMA_VERSION);
    second.close();
  });

  it('refuses a database from a newer platform instead of guessing its schema', () => {
    const data = path.join(dir, 'newer');
    SqliteStore.open(data).close();
    const raw = new Database(path.join(data, DATABASE_FILE));
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => SqliteStore.open(data)).toThrow(/newer than this platform/);
  });
});
