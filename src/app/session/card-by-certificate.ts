/**
 * Card identity where the bridge gives none (a bridge of spec 1.x has no `cardId`): before a PIN or
 * password goes to the card, its auth certificate is read again and compared with the one the flow
 * read at its start. Another certificate means another card: the call ends as CARD_CHANGED (the
 * flow starts again, saying the PIN was not sent) and nothing secret reaches that card. Such a
 * bridge may miss a swap between two looks at its reader (its spec did not require seeing one),
 * and this closes that gap down to the moment between the read and the PIN's call. With a bridge
 * that checks `cardId` (every call of the flow then carries one) nothing is added.
 */
import { bytesToBase64 } from '../../platform/base64';
import type { CardPort } from './adapters';

/** Shaped like the bridge client's error (the machines read `kind` and `details`). */
class CardChangedBeforeSecret extends Error {
  readonly kind = 'CARD_CHANGED';
  readonly details = {};
  constructor() {
    super('another card is in the reader: its auth certificate is not the one the flow read');
  }
}

export function checkCardByCertificate(card: CardPort): CardPort {
  /** The auth certificate last read, base64: the card the flow in progress started with. */
  let known: string | undefined;
  const sameCard = async (): Promise<void> => {
    const now = bytesToBase64(await card.readCertificate('auth'));
    if (now !== known) throw new CardChangedBeforeSecret();
  };
  /** A call with `cardId` is checked by the bridge; one without, when a certificate is known, here. */
  const checked = <T>(cardId: string | undefined, call: () => Promise<T>): Promise<T> =>
    cardId === undefined && known !== undefined ? sameCard().then(call) : call();
  return {
    readCertificate: async (slot, options) => {
      const der = await card.readCertificate(slot, options);
      known = bytesToBase64(der);
      return der;
    },
    getPinStatus: (kind, options) => card.getPinStatus(kind, options),
    readSignCertificate: (pin, options) =>
      checked(options?.cardId, () => card.readSignCertificate(pin, options)),
    sign: (request) => checked(request.cardId, () => card.sign(request)),
    subscribe: (listener) => card.subscribe(listener),
  };
}
