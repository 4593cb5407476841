/**
 * What the TV sends to the paired phone: a booking confirmation, a checkup summary or a notice, as
 * plain text the TV composed (a title and lines) — the phone page shows it as text, never as
 * markup. Kept per pairing, the newest few only, and gone with the pairing.
 */
import type { PhoneItem, PhoneItemKind } from '../../../../src/platform/types';
import type { RecordStore } from '../../store/record-store';
import { invalid, jsonObjectOf, ProblemError } from '../problem';
import type { Pairing } from './pairings';

/** Items a pairing keeps; the oldest goes when one more arrives. */
const PHONE_ITEMS_KEPT = 20;
/** The request body, in UTF-8 bytes (413 beyond). */
const PHONE_ITEM_BODY_MAX = 8192;
const TITLE_MAX = 60;
const LINE_MAX = 200;
const LINES_MAX = 30;
const KINDS: readonly PhoneItemKind[] = ['booking', 'checkup', 'notice'];

interface KeptItem extends PhoneItem {
  /** The viewer who sent it. */
  userId: string;
}

export type { PhoneItem };

/** Printable text of at most `max` characters: NFC, no control, format or private-use characters. */
function textOf(value: unknown, field: string, max: number, allowEmpty = false): string {
  const text = typeof value === 'string' ? value.normalize('NFC').trim() : undefined;
  if (
    text === undefined ||
    (!allowEmpty && text === '') ||
    [...text].length > max ||
    /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/u.test(text)
  ) {
    throw invalid(field, `${allowEmpty ? 0 : 1}–${max} printable characters`);
  }
  return text;
}

export class PhoneItems {
  constructor(
    private readonly store: RecordStore,
    private readonly now: () => Date,
  ) {}

  /** One item from the TV's body, kept for the pairing (the oldest beyond the limit dropped). */
  send(pairing: Pairing, userId: string, body: Record<string, unknown>): PhoneItem {
    const kind = body.kind as PhoneItemKind;
    if (!KINDS.includes(kind)) throw invalid('kind', `one of ${KINDS.join(' ')}`);
    const title = textOf(body.title, 'title', TITLE_MAX);
    if (!Array.isArray(body.lines) || body.lines.length > LINES_MAX) {
      throw invalid('lines', `an array of at most ${LINES_MAX} lines`);
    }
    const lines = body.lines.map((line, i) => textOf(line, `lines[${i}]`, LINE_MAX, true));
    const item: KeptItem = {
      id: `pi_${crypto.randomUUID()}`,
      kind,
      title,
      lines,
      sentAt: this.now().toISOString(),
      userId,
    };
    this.store.transaction(() => {
      const kept = this.store.list<KeptItem>('pairing-items', pairing.id);
      for (const old of kept.slice(0, Math.max(0, kept.length - PHONE_ITEMS_KEPT + 1))) {
        this.store.delete('pairing-items', old.id);
      }
      this.store.put('pairing-items', item.id, item, pairing.id);
    });
    const { userId: _user, ...sent } = item;
    return sent;
  }

  /** The pairing's items, newest first. */
  list(pairing: Pairing): PhoneItem[] {
    return this.store
      .list<KeptItem>('pairing-items', pairing.id)
      .reverse()
      .map(({ userId: _user, ...item }) => item);
  }
}

/** 413 for a body over the limit, read before it is parsed. */
export async function limitedJson(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (new TextEncoder().encode(text).length > PHONE_ITEM_BODY_MAX) {
    throw new ProblemError(413, 'VALIDATION_FAILED', `the body is over ${PHONE_ITEM_BODY_MAX} bytes`);
  }
  return jsonObjectOf(text);
}
