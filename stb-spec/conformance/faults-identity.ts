/**
 * The injected faults of the 2.0 draft's rules (see faults.ts): getInfo, card identity, notifications
 * that act, PIN bytes a bridge normalises, BUSY without its reason, open error data, registrations.
 */
import type { InjectedFault } from './faults';
import type { Message } from './fault-proxy';
import { CARD_OPS, back, code, forth, is, paramsOf, result, withoutErrorData } from './fault-helpers';

const PIN_METHODS = new Set(['sign', 'readSignCertificate'].map((m) => `MyNumberCard.1.${m}`));

type Reader = { cardId?: string };
type StatusLike = { readers?: Reader[]; cardId?: string };

/** The Status in a getStatus answer or a statusChanged notification, if the message is one. */
function statusIn(message: Message): StatusLike | undefined {
  const status = (message.result ?? message.params) as StatusLike | undefined;
  return status && typeof status === 'object' && Array.isArray(status.readers) ? status : undefined;
}

export function identityFaults(): InjectedFault[] {
  let firstCardId: string | undefined;
  let injected = 0;

  return [
    {
      requirement: 'BR-VER-7',
      bug: 'getInfo reports a message limit it does not enforce',
      fault: back((m, call) => {
        if (is(call, 'getInfo') && m.result)
          (result(m).limits as Record<string, number>).maxMessageBytes = 32_768;
      }),
    },
    {
      requirement: 'BR-MTH-70',
      bug: 'no cardId on the readers',
      fault: back((m) => {
        for (const reader of statusIn(m)?.readers ?? []) delete reader.cardId;
      }),
    },
    {
      requirement: 'BR-MTH-72',
      bug: 'a cardId derived from the card (the same at every insertion)',
      fault: back((m) => {
        const status = statusIn(m);
        const ids = [status?.cardId, ...(status?.readers ?? []).map((r) => r.cardId)];
        firstCardId ??= ids.find((id) => id !== undefined);
        if (!status || firstCardId === undefined) return;
        if (status.cardId !== undefined) status.cardId = firstCardId;
        for (const reader of status.readers ?? [])
          if (reader.cardId !== undefined) reader.cardId = firstCardId;
      }),
    },
    {
      requirement: 'BR-MTH-71',
      bug: 'cardId ignored: a swapped card is used anyway',
      fault: forth((message) => {
        if (!CARD_OPS.has(String(message.method))) return message;
        const { cardId: _ignored, ...params } = paramsOf(message);
        return { ...message, params };
      }),
    },
    {
      requirement: 'BR-MTH-73',
      bug: 'BUSY without its reason',
      fault: withoutErrorData(-32021),
    },
    {
      requirement: 'BR-RPC-11',
      bug: 'a card operation without id is run (its answer dropped)',
      fault: {
        ...forth((message) =>
          CARD_OPS.has(String(message.method)) && !('id' in message)
            ? { ...message, id: `proxy-${++injected}` }
            : message,
        ),
        ...back((m) => (typeof m.id === 'string' && m.id.startsWith('proxy-') ? [] : undefined)),
      },
    },
    {
      requirement: 'BR-SEC-13',
      bug: 'PINs normalised (trimmed, full-width folded, upper-cased) before the format check',
      fault: forth((message) => {
        const params = paramsOf(message);
        const method = String(message.method);
        if (!PIN_METHODS.has(method) || typeof params.pin !== 'string') return message;
        const pin = params.pin.normalize('NFKC').trim().toUpperCase();
        return { ...message, params: { ...params, pin } };
      }),
    },
    {
      requirement: 'BR-ERR-3',
      bug: 'error data with a field the schema does not have',
      fault: back((m) => {
        const data = m.error?.data;
        if (data && typeof data === 'object') (data as Record<string, unknown>).detail = 'extra';
      }),
    },
    {
      requirement: 'BR-TRN-10',
      bug: 'no limit on registered ids',
      fault: back((m, call) => {
        if (is(call, 'register') && code(m) === -32602) return [{ jsonrpc: '2.0', id: m.id, result: 0 }];
      }),
    },
  ];
}
