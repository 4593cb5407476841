/**
 * The card checked by its certificate before a secret goes to it, where the bridge gives no card
 * identity: on a real spec 1.x bridge (the current one behind the 1.x front) with the simulator's
 * card swapped faster than 1.x has to see, and the branches with a scripted card.
 */
import * as kit from '../../card/test-support';
import { SimulatorControls } from '../../card/simulator-controls';
import type { CardPort } from './adapters';
import { checkCardByCertificate } from './card-by-certificate';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const DIGEST = new Uint8Array(32);

describe('on a spec 1.x bridge', () => {
  async function olderStack() {
    const { client } = await kit.startOlderClient('card-by-certificate-', cleanups);
    return { client, card: checkCardByCertificate(client), controls: new SimulatorControls(client) };
  }

  test('a card swapped after the flow read its certificate gets no PIN: CARD_CHANGED, its tries untouched', async () => {
    const { client, card, controls } = await olderStack();
    await card.readCertificate('auth');
    // Another holder's card in place of the first, with no "absent" in between.
    await controls.insertCard('expired');
    const error = await card.sign({ key: 'auth', pin: '9999', digest: DIGEST }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'CARD_CHANGED', details: {} });
    expect((await client.getPinStatus('auth')).triesLeft).toBe(3);
    const password = await card.readSignCertificate('ZZZ999').catch((e: unknown) => e);
    expect(password).toMatchObject({ kind: 'CARD_CHANGED' });
    expect((await client.getPinStatus('sign')).triesLeft).toBe(5);
  });

  test('the same card signs, after one more read of its certificate', async () => {
    const { card } = await olderStack();
    await card.readCertificate('auth');
    const signature = await card.sign({ key: 'auth', pin: kit.TEST_PINS.auth, digest: DIGEST });
    expect(signature).toHaveLength(256);
  });
});

describe('with a scripted card', () => {
  function scripted(certificates: number[]) {
    const calls: string[] = [];
    const port: CardPort = {
      readCertificate: async () => {
        calls.push('readCertificate');
        return Uint8Array.of(certificates.shift() ?? 0);
      },
      getPinStatus: async () => ({ triesLeft: 3, maxTries: 3, locked: false }),
      readSignCertificate: async () => {
        calls.push('readSignCertificate');
        return Uint8Array.of(9);
      },
      sign: async () => {
        calls.push('sign');
        return Uint8Array.of(7);
      },
      subscribe: () => () => undefined,
    };
    return { calls, card: checkCardByCertificate(port) };
  }

  test('a call that names its card is left to the bridge: no extra read', async () => {
    const { calls, card } = scripted([1, 2]);
    await card.readCertificate('auth', { cardId: 'Y2FyZC1pZC1maXJzdC0wMQ' });
    await card.sign({ key: 'auth', pin: '1234', digest: DIGEST, cardId: 'Y2FyZC1pZC1maXJzdC0wMQ' });
    expect(calls).toEqual(['readCertificate', 'sign']);
  });

  test('no certificate read yet: nothing to compare with, the call goes as it is', async () => {
    const { calls, card } = scripted([]);
    await card.readSignCertificate('ABC123');
    expect(calls).toEqual(['readSignCertificate']);
  });

  test('a failed read before the secret: the secret is not sent, the read error is the answer', async () => {
    const { calls, card } = scripted([1]);
    const gone = Object.assign(new Error('removed'), { kind: 'CARD_REMOVED', details: {} });
    let reads = 0;
    const failingSecondRead = checkCardByCertificate({
      ...card,
      readCertificate: (slot, options) =>
        reads++ === 0 ? card.readCertificate(slot, options) : Promise.reject(gone),
    });
    await failingSecondRead.readCertificate('auth');
    await expect(failingSecondRead.sign({ key: 'auth', pin: '1234', digest: DIGEST })).rejects.toBe(gone);
    expect(calls).toEqual(['readCertificate']);
  });

  test('the same certificate again: the secret goes; another: CARD_CHANGED and it does not', async () => {
    const same = scripted([4, 4]);
    await same.card.readCertificate('auth');
    await same.card.sign({ key: 'auth', pin: '1234', digest: DIGEST });
    expect(same.calls).toEqual(['readCertificate', 'readCertificate', 'sign']);
    const other = scripted([4, 5]);
    await other.card.readCertificate('auth');
    await expect(other.card.readSignCertificate('ABC123')).rejects.toMatchObject({ kind: 'CARD_CHANGED' });
    expect(other.calls).toEqual(['readCertificate', 'readCertificate']);
  });
});
