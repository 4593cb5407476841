/**
 * The pairings the device flow granted, as kept: one per box, found by the SHA-256 of the TV's
 * token (with the box it was given to) or of the phone's credential (the cookie set when the phone
 * approved), never by the secrets themselves. A pairing ends when either side unpairs, when the box
 * pairs again, or at its expiry; the phone's record outlives it as "ended", so the phone page can
 * say so rather than show nothing. The first viewer who sends to a pairing owns it: another
 * viewer's session on the same box finds no pairing there.
 */
import { bytesToBase64Url } from '../../../../src/platform/base64';
import type { RecordStore } from '../../store/record-store';
import { ProblemError } from '../problem';

/** A grant as kept: who it was given to, never the token. */
export interface Pairing {
  id: string;
  clientId: string;
  boxId: string;
  boxName: string;
  scope: 'pairing' | 'login';
  createdAt: string;
  expiresAt: string;
  /** 利用者ID of the viewer who first sent to the phone (none until then). */
  userId?: string;
}

interface KeptPairing extends Pairing {
  key: string;
  /** The phone credential's SHA-256 (hex), when the phone that approved got one. */
  phoneKey?: string;
}

interface PhoneRecord {
  pairingKey: string;
  pairingId: string;
  boxName: string;
  expiresAt: string;
  endedAt?: string;
}

/** What the paired phone's credential names now. */
export type PhonePairingState =
  { state: 'paired'; pairing: Pairing } | { state: 'ended'; boxName: string } | { state: 'unknown' };

export const randomSecret = (): string => bytesToBase64Url(crypto.getRandomValues(new Uint8Array(32)));

export async function secretKey(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const notPaired = (): ProblemError =>
  new ProblemError(404, 'PAIRING_NOT_FOUND', 'no phone is paired with this box for this viewer now');

export class Pairings {
  constructor(
    private readonly store: RecordStore,
    private readonly now: () => Date,
  ) {}

  /** Keeps a new grant; the box's earlier pairing ends with it (its token and phone stop working). */
  async create(pairing: Pairing, token: string, phoneKey: string | undefined): Promise<void> {
    const key = await secretKey(token);
    const owner = `${pairing.clientId}:${pairing.boxId}`;
    this.store.transaction(() => {
      for (const previous of this.store.list<KeptPairing>('pairings', owner)) this.end(previous);
      this.store.put('pairings', key, { ...pairing, key, ...(phoneKey ? { phoneKey } : {}) }, owner);
      if (phoneKey) {
        const phone: PhoneRecord = {
          pairingKey: key,
          pairingId: pairing.id,
          boxName: pairing.boxName,
          expiresAt: pairing.expiresAt,
        };
        this.store.put('pairing-phones', phoneKey, phone);
      }
    });
  }

  private live(kept: KeptPairing | undefined): kept is KeptPairing {
    return kept !== undefined && Date.parse(kept.expiresAt) > this.now().getTime();
  }

  /** The pairing of a TV's token, for the box it was given to; undefined otherwise. */
  async ofToken(token: string, boxId: string): Promise<Pairing | undefined> {
    const kept = this.store.get<KeptPairing>('pairings', await secretKey(token));
    if (!this.live(kept) || kept.boxId !== boxId) return undefined;
    const { key: _key, phoneKey: _phone, ...pairing } = kept;
    return pairing;
  }

  /**
   * The pairing the TV's token names, for the viewer `userId` (bound to it on first use); 404
   * PAIRING_NOT_FOUND when there is none, it ended, or it is another viewer's — alike.
   */
  async forViewer(token: string | null, boxId: string | null, userId: string): Promise<Pairing> {
    if (!token || !boxId) throw notPaired();
    const key = await secretKey(token);
    const kept = this.store.get<KeptPairing>('pairings', key);
    if (!this.live(kept) || kept.boxId !== boxId || (kept.userId && kept.userId !== userId))
      throw notPaired();
    if (!kept.userId) this.store.put('pairings', key, { ...kept, userId });
    const { key: _key, phoneKey: _phone, ...pairing } = kept;
    return { ...pairing, userId };
  }

  /** What a phone's credential names: its live pairing, one that ended, or nothing. */
  async ofPhone(credential: string | undefined): Promise<PhonePairingState> {
    if (!credential || !/^[A-Za-z0-9_-]{43}$/.test(credential)) return { state: 'unknown' };
    const phone = this.store.get<PhoneRecord>('pairing-phones', await secretKey(credential));
    if (!phone) return { state: 'unknown' };
    const kept = this.store.get<KeptPairing>('pairings', phone.pairingKey);
    if (phone.endedAt || !this.live(kept) || kept.id !== phone.pairingId) {
      return { state: 'ended', boxName: phone.boxName };
    }
    const { key: _key, phoneKey: _phone, ...pairing } = kept;
    return { state: 'paired', pairing };
  }

  /** Ends the pairing `id` (either side's 解除): its token, its phone and the items sent to it. */
  unpair(pairing: Pairing): void {
    const owner = `${pairing.clientId}:${pairing.boxId}`;
    this.store.transaction(() => {
      for (const kept of this.store.list<KeptPairing>('pairings', owner)) {
        if (kept.id === pairing.id) this.end(kept);
      }
    });
  }

  private end(kept: KeptPairing): void {
    this.store.delete('pairings', kept.key);
    for (const item of this.store.list<{ id: string }>('pairing-items', kept.id)) {
      this.store.delete('pairing-items', item.id);
    }
    if (!kept.phoneKey) return;
    const phone = this.store.get<PhoneRecord>('pairing-phones', kept.phoneKey);
    if (phone)
      this.store.put('pairing-phones', kept.phoneKey, { ...phone, endedAt: this.now().toISOString() });
  }
}
