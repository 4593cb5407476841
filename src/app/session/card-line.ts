import type { CardPort } from './adapters';

/**
 * The bridge runs one card operation at a time and answers a second one BUSY (it never queues, so a
 * PIN is never sent late). The machines may invoke card actors side by side (login prefetches the
 * certificate and the PIN status together), so the app puts its own card calls in a line. A sign
 * made while the line is empty goes out at once, in the same task: the login's sign then reaches
 * the bridge before the shell builds the "checking" screen. Other calls keep a microtask
 * hop: the session starts the login's reads from inside the bridge client's status event, which
 * the client publishes just before it counts itself open.
 */
export function oneCardCallAtATime(card: CardPort): CardPort {
  let line: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  const now = <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return call();
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const next = <T>(call: () => Promise<T>, atOnce = false): Promise<T> => {
    const run = atOnce && waiting === 0 ? now(call) : line.then(call, call);
    waiting += 1;
    line = run.then(
      () => void (waiting -= 1),
      () => void (waiting -= 1),
    );
    return run;
  };
  return {
    readCertificate: (slot, options) => next(() => card.readCertificate(slot, options)),
    getPinStatus: (kind, options) => next(() => card.getPinStatus(kind, options)),
    readSignCertificate: (pin, options) => next(() => card.readSignCertificate(pin, options)),
    sign: (request) => next(() => card.sign(request), true),
    subscribe: (listener) => card.subscribe(listener),
  };
}
