import { JpkiEf } from '../../stb-spec/protocol/jpki-card';
import { CardRemovedError } from '../../native-bridge/src/jpki/errors';
import type { CardCredentials } from '../pki/types';
import { makeFakeCredentials } from './fake-credentials';
import { VirtualJpkiCard } from './jpki-applet';
import { VirtualCardTransport } from './in-process-transport';
import { createScenarioTransport, parseScenario } from './scenarios';
import { createCardState, type VirtualCardState } from './state';
import { readBinary, selectAp, selectEf, swOf, verifyPin } from './test-helpers';

let credentials: CardCredentials;
beforeAll(() => {
  credentials = makeFakeCredentials();
});
const freshState = (): VirtualCardState => createCardState(credentials, { auth: '1234', sign: 'ABC123' });

async function sw(transport: VirtualCardTransport, command: Uint8Array): Promise<string> {
  return swOf(await transport.transmit(command));
}

describe('VirtualCardTransport', () => {
  test('transmits to the card and counts APDUs; no log unless asked for', async () => {
    const transport = new VirtualCardTransport(new VirtualJpkiCard({ state: freshState() }));
    expect(await sw(transport, selectAp())).toBe('9000');
    expect(await sw(transport, selectEf(JpkiEf.authPin))).toBe('9000');
    expect(await sw(transport, verifyPin('1234'))).toBe('9000');
    expect(transport.apduCount).toBe(3);
    expect(transport.log).toEqual([]);
  });

  test('keepLog records command and response hex for assertions', async () => {
    const transport = new VirtualCardTransport(new VirtualJpkiCard({ state: freshState() }), {
      keepLog: true,
    });
    await transport.transmit(selectAp());
    expect(transport.log).toEqual([{ command: '00A4040C0AD392F000260100000001', response: '9000' }]);
  });

  test('removeAfterApdus: APDU N+1 rejects with CardRemovedError and the card stays out', async () => {
    const transport = new VirtualCardTransport(new VirtualJpkiCard({ state: freshState() }), {
      removeAfterApdus: 2,
    });
    await transport.transmit(selectAp());
    await transport.transmit(selectEf(JpkiEf.authCertificate));
    await expect(transport.transmit(readBinary(0, 4))).rejects.toBeInstanceOf(CardRemovedError);
    expect(transport.isCardPresent).toBe(false);
    await expect(transport.transmit(selectAp())).rejects.toBeInstanceOf(CardRemovedError);
    expect(transport.apduCount).toBe(2);
    transport.insert();
    expect(await sw(transport, selectAp())).toBe('9000');
  });

  test('remove/insert: security state cleared, PIN counters kept', async () => {
    const transport = new VirtualCardTransport(new VirtualJpkiCard({ state: freshState() }));
    await transport.transmit(selectAp());
    await transport.transmit(selectEf(JpkiEf.signPin));
    expect(await sw(transport, verifyPin('WRONG0'))).toBe('63C4');
    await transport.transmit(selectEf(JpkiEf.authPin));
    expect(await sw(transport, verifyPin('1234'))).toBe('9000');
    transport.remove();
    const error = await transport.transmit(selectAp()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CardRemovedError);
    expect((error as CardRemovedError).errorName).toBe('CARD_REMOVED');
    transport.insert();
    expect(await sw(transport, verifyPin())).toBe('6986');
    await transport.transmit(selectAp());
    await transport.transmit(selectEf(JpkiEf.authPin));
    expect(await sw(transport, verifyPin())).toBe('63C3');
    await transport.transmit(selectEf(JpkiEf.signPin));
    expect(await sw(transport, verifyPin())).toBe('63C4');
  });

  test('epoch (with reportEpoch) changes with every power event, not with APDUs', async () => {
    expect(new VirtualCardTransport(new VirtualJpkiCard({ state: freshState() })).epoch).toBeUndefined();
    const transport = new VirtualCardTransport(new VirtualJpkiCard({ state: freshState() }), {
      reportEpoch: true,
    });
    const start = transport.epoch;
    await transport.transmit(selectAp());
    expect(transport.epoch).toBe(start);
    transport.remove();
    transport.insert();
    expect(transport.epoch).not.toBe(start);
    const afterInsert = transport.epoch;
    transport.card.reset();
    expect(transport.epoch).not.toBe(afterInsert);
  });

  test('exclusive() runs operations one after another and is re-entrant', async () => {
    const transport = new VirtualCardTransport(new VirtualJpkiCard({ state: freshState() }));
    const events: string[] = [];
    const operation = (name: string, delayMs: number) => async (): Promise<string> => {
      events.push(`${name} start`);
      await transport.transmit(selectAp());
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const inner = await transport.exclusive(async () =>
        swOf(await transport.transmit(selectEf(JpkiEf.authPin))),
      );
      events.push(`${name} end`);
      return inner;
    };
    const failing = transport.exclusive(async () => {
      throw new Error('boom');
    });
    const results = await Promise.all([
      transport.exclusive(operation('a', 20)),
      transport.exclusive(operation('b', 0)),
      failing.catch((error: Error) => error.message),
    ]);
    expect(results).toEqual(['9000', '9000', 'boom']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
  });
});

describe('scenarios on the in-process face', () => {
  test('parseScenario composes traits and rejects unknown or conflicting ones', () => {
    expect(parseScenario('normal')).toMatchObject({ credentials: 'valid', hasJpkiAp: true });
    expect(parseScenario('last-try,removal-after-3')).toMatchObject({
      authTriesLeft: 1,
      removeAfterApdus: 3,
    });
    expect(parseScenario('locked')).toMatchObject({ authTriesLeft: 0 });
    expect(parseScenario('expired')).toMatchObject({ credentials: 'expired' });
    expect(parseScenario('revoked')).toMatchObject({ credentials: 'revoked' });
    expect(parseScenario('not-my-number-card')).toMatchObject({ hasJpkiAp: false });
    expect(() => parseScenario('broken')).toThrow(/unknown scenario "broken".*normal, locked/);
    expect(() => parseScenario('locked,last-try')).toThrow(/conflicting/);
    expect(() => parseScenario('removal-after-1,removal-after-2')).toThrow(/twice/);
    expect(() => parseScenario('removal-after-')).toThrow(/unknown/);
  });

  test('locked: VERIFY answers 63C0 then 6984', async () => {
    const transport = createScenarioTransport('locked', freshState());
    await transport.transmit(selectAp());
    await transport.transmit(selectEf(JpkiEf.authPin));
    expect(await sw(transport, verifyPin())).toBe('63C0');
    expect(await sw(transport, verifyPin('1234'))).toBe('6984');
  });

  test('last-try + removal-after-3 + GET RESPONSE mode compose', async () => {
    const changes: number[] = [];
    const transport = createScenarioTransport('last-try,removal-after-3', freshState(), {
      deliverResponsesViaGetResponse: true,
      onStateChange: (state) => changes.push(state.triesLeft.auth),
    });
    expect(changes).toEqual([1]);
    await transport.transmit(selectAp());
    await transport.transmit(selectEf(JpkiEf.authPin));
    expect(await sw(transport, verifyPin())).toBe('63C1');
    await expect(transport.transmit(verifyPin('1234'))).rejects.toBeInstanceOf(CardRemovedError);
  });

  test('not-my-number-card: SELECT of the JPKI AID → 6A82', async () => {
    const transport = createScenarioTransport(parseScenario('not-my-number-card'), freshState());
    expect(await sw(transport, selectAp())).toBe('6A82');
    expect(transport.card.atr[1]).toBe(0x8f);
  });
});
