/**
 * Where the platform keeps what must outlive a restart: customers, links (users and the
 * certificates pointing to them), bookings, notices, read receipts, address-change requests and the viewers' preferences.
 * Records are JSON documents in named collections, each optionally owned by a customer (so a
 * viewer's records are listed by an index, never by a scan). Writes are synchronous, so a
 * check-and-write inside `transaction()` cannot interleave with another request; the HTTP answer
 * is sent only after the transaction committed. MemoryStore (tests, the browser demo) and
 * SqliteStore (`--data DIR`) behave alike: both hand out copies, never live objects.
 */

export type Collection =
  | 'customers'
  | 'users'
  | 'certificates'
  | 'bookings'
  | 'booking-keys'
  | 'notices'
  | 'receipts'
  | 'sender-keys'
  | 'address-changes'
  | 'address-change-keys'
  | 'basic-information-fetches'
  | 'service-accounts'
  | 'preferences'
  | 'pairings'
  | 'pairing-phones'
  | 'pairing-items';

export interface RecordStore {
  /** Runs `work` as one transaction: every write in it lands, or none (it throws). */
  transaction<T>(work: () => T): T;
  get<T>(collection: Collection, id: string): T | undefined;
  put(collection: Collection, id: string, value: unknown, owner?: string): void;
  delete(collection: Collection, id: string): void;
  /** Every record of a collection (of one owner, when given), in the order they were first put. */
  list<T>(collection: Collection, owner?: string): T[];
  count(collection: Collection): number;
  /** Forgets every record (the simulator's reset). */
  clear(): void;
  close(): void;
}

interface Entry {
  json: string;
  owner: string | undefined;
}

/** The store of tests and the browser demo: the same copies-only semantics, in a Map. */
export class MemoryStore implements RecordStore {
  private readonly collections = new Map<Collection, Map<string, Entry>>();
  private journal: (() => void)[] | undefined;

  transaction<T>(work: () => T): T {
    if (this.journal) return work();
    const undo: (() => void)[] = [];
    this.journal = undo;
    try {
      const result = work();
      this.journal = undefined;
      return result;
    } catch (error) {
      this.journal = undefined;
      for (const step of undo.reverse()) step();
      throw error;
    }
  }

  get<T>(collection: Collection, id: string): T | undefined {
    const entry = this.collections.get(collection)?.get(id);
    return entry ? (JSON.parse(entry.json) as T) : undefined;
  }

  put(collection: Collection, id: string, value: unknown, owner?: string): void {
    const records = this.records(collection);
    const previous = records.get(id);
    // A replaced record keeps its place, as SQLite's upsert keeps its row.
    records.set(id, { json: JSON.stringify(value), owner: owner ?? previous?.owner });
    this.journal?.push(() => (previous ? records.set(id, previous) : records.delete(id)));
  }

  delete(collection: Collection, id: string): void {
    const records = this.records(collection);
    const previous = records.get(id);
    if (!previous) return;
    records.delete(id);
    this.journal?.push(() => records.set(id, previous));
  }

  list<T>(collection: Collection, owner?: string): T[] {
    const entries = [...this.records(collection).values()];
    return entries
      .filter((entry) => owner === undefined || entry.owner === owner)
      .map((entry) => JSON.parse(entry.json) as T);
  }

  count(collection: Collection): number {
    return this.records(collection).size;
  }

  clear(): void {
    this.collections.clear();
  }

  close(): void {
    // Nothing to release.
  }

  private records(collection: Collection): Map<string, Entry> {
    let records = this.collections.get(collection);
    if (!records) this.collections.set(collection, (records = new Map()));
    return records;
  }
}
