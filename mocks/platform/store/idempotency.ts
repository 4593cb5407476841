/**
 * Idempotency-Key for the writes that must not happen twice (a sender's notice, an address
 * change): the same key and body answer the resource the first request made; the same key with
 * another body is refused. Keys are scoped by who sent them, and kept in the store with the
 * resource, in the same transaction.
 */
import { invalid, ProblemError } from '../simulator/problem';
import type { Collection, RecordStore } from './record-store';

interface KeyRecord {
  fingerprint: string;
  resourceId: string;
}

/** The header's value, checked (400 IDEMPOTENCY_KEY_REQUIRED, VALIDATION_FAILED). */
export function idempotencyKeyOf(header: string | null): string {
  if (!header) throw new ProblemError(400, 'IDEMPOTENCY_KEY_REQUIRED');
  if (header.length < 8 || header.length > 128) throw invalid('Idempotency-Key', 'must be 8–128 characters');
  return header;
}

export class IdempotencyLedger {
  constructor(
    private readonly store: RecordStore,
    private readonly collection: Collection,
  ) {}

  /** The id of the resource this key already made, or undefined; 422 when the body differs. */
  previous(scope: string, key: string, fingerprint: string): string | undefined {
    const record = this.store.get<KeyRecord>(this.collection, `${scope}|${key}`);
    if (!record) return undefined;
    if (record.fingerprint !== fingerprint) throw new ProblemError(422, 'IDEMPOTENCY_KEY_REUSED');
    return record.resourceId;
  }

  /** Call inside the transaction that writes the resource. */
  remember(scope: string, key: string, fingerprint: string, resourceId: string): void {
    this.store.put(this.collection, `${scope}|${key}`, { fingerprint, resourceId }, scope);
  }
}
