/** The client against the real bridge (simulator backend) in process: typed results, errors, events. */
import { X509Certificate, createHash, verify } from 'node:crypto';
import { BridgeErrorCode, JsonRpcErrorCode } from '../../stb-spec/protocol/errors';
import { CARD_ID_PATTERN, type MethodName } from '../../stb-spec/protocol/methods';
import { SIMULATED_READER } from '../../mocks/dev-bridge/simulator-backend';
import { SIMULATOR_CALLSIGN as BRIDGE_SIMULATOR_CALLSIGN } from '../../mocks/dev-bridge/simulator-methods';
import type { BridgeClient } from './bridge-client';
import { isBridgeError } from './errors';
import { SIMULATOR_CALLSIGN, SimulatorControls } from './simulator-controls';
import {
  EventRecorder,
  TEST_PINS,
  isStatusEvent,
  bridgeErrorOf,
  startClientStack,
  type ClientStack,
} from './test-support';

let stack: ClientStack;
let client: BridgeClient;
let recorder: EventRecorder;
let controls: SimulatorControls;

beforeAll(async () => {
  stack = await startClientStack('madoguchi-card-client-');
  ({ client, recorder, controls } = stack);
});

afterAll(() => stack.close());

/** Puts a fresh card (full PIN counters) with `scenario` in the reader and waits for its status. */
async function insert(scenario: string, card: 'present' | 'unsupported' = 'present') {
  recorder.skipPast();
  await controls.insertCard(scenario);
  return recorder.waitFor(isStatusEvent(card));
}

const digestOf = (message: string) => new Uint8Array(createHash('sha256').update(message).digest());

describe('connection', () => {
  it('opens, registers under its own prefix and reports the status before open', () => {
    expect(client.idPrefix).toMatch(/^madoguchi-[0-9a-f]{16}$/);
    expect(client.connectionState).toBe('open');
    // The recorder subscribed after start(): the replay is `connecting`, not the initial `closed`.
    const kinds = recorder.events.map((e) => (e.type === 'connection' ? e.state : 'status'));
    expect(kinds).toEqual(['connecting', 'status', 'open']);
    const cardId = expect.stringMatching(new RegExp(CARD_ID_PATTERN));
    expect(client.status).toEqual({
      readerService: 'running',
      readers: [{ name: SIMULATED_READER, card: 'present', cardId }],
      token: 'JPKIAPICCTOKEN2',
      cardId,
    });
  });

  it('replays the latest connection state and status to a late subscriber', () => {
    const seen: unknown[] = [];
    const unsubscribe = client.subscribe((event) => seen.push(event));
    unsubscribe();
    expect(seen).toEqual([
      { type: 'connection', state: 'open' },
      { type: 'status', status: client.status },
    ]);
  });

  it('uses the simulator callsign the bridge defines', () => {
    expect(SIMULATOR_CALLSIGN).toBe(BRIDGE_SIMULATOR_CALLSIGN);
  });
});

describe('typed results', () => {
  beforeAll(() => insert('normal'));

  it('getStatus and getPinStatus, through call and the convenience methods', async () => {
    await expect(client.getStatus()).resolves.toEqual(client.status);
    await expect(client.call('getStatus')).resolves.toEqual(client.status);
    await expect(client.call('getPinStatus', { pin: 'auth' })).resolves.toEqual({
      triesLeft: 3,
      maxTries: 3,
      locked: false,
    });
    await expect(client.getPinStatus('sign')).resolves.toEqual({ triesLeft: 5, maxTries: 5, locked: false });
  });

  it('reads the three PIN-less certificates as DER', async () => {
    const auth = new X509Certificate(await client.readCertificate('auth'));
    const authCA = new X509Certificate(await client.readCertificate('authCA'));
    const signCA = new X509Certificate(await client.readCertificate('signCA'));
    expect(auth.checkIssued(authCA)).toBe(true);
    expect(signCA.ca).toBe(true);
  });

  it('signs with the auth key: the signature verifies with the auth certificate', async () => {
    const message = 'madoguchi login challenge';
    const signature = await client.sign({ key: 'auth', pin: TEST_PINS.auth, digest: digestOf(message) });
    expect(signature).toBeInstanceOf(Uint8Array);
    expect(signature).toHaveLength(256);
    const certificate = new X509Certificate(await client.readCertificate('auth'));
    expect(verify('sha256', Buffer.from(message), certificate.publicKey, signature)).toBe(true);
    expect(verify('sha256', Buffer.from('another'), certificate.publicKey, signature)).toBe(false);
  });

  it('reads the signature certificate and signs with the sign key', async () => {
    const certificate = new X509Certificate(await client.readSignCertificate(TEST_PINS.sign));
    const signCA = new X509Certificate(await client.readCertificate('signCA'));
    expect(certificate.checkIssued(signCA)).toBe(true);
    const signature = await client.sign({ key: 'sign', pin: TEST_PINS.sign, digest: digestOf('申請書') });
    expect(verify('sha256', Buffer.from('申請書'), certificate.publicKey, signature)).toBe(true);
  });

  it('refuses a digest that is not 32 bytes before sending anything', async () => {
    await expect(
      client.sign({ key: 'auth', pin: TEST_PINS.auth, digest: new Uint8Array(20) }),
    ).rejects.toThrow(RangeError);
  });
});

describe('typed errors', () => {
  it('PIN_INCORRECT with the tries left, never carrying the PIN', async () => {
    await insert('normal');
    const error = await bridgeErrorOf(client.sign({ key: 'auth', pin: '9876', digest: digestOf('x') }));
    expect(isBridgeError(error, 'PIN_INCORRECT')).toBe(true);
    if (!isBridgeError(error, 'PIN_INCORRECT')) return;
    expect(error.details).toEqual({ triesLeft: 2 });
    expect(error.code).toBe(BridgeErrorCode.PIN_INCORRECT);
    expect(error.method).toBe('sign');
    expect(`${error.message} ${JSON.stringify(error)} ${error.stack}`).not.toContain('9876');
    await expect(client.getPinStatus('auth')).resolves.toMatchObject({ triesLeft: 2 });
  });

  it('LAST_ATTEMPT_NEEDS_CONFIRMATION with one try left and a one-time value that alone confirms', async () => {
    await insert('last-try');
    const error = await bridgeErrorOf(
      client.sign({ key: 'auth', pin: TEST_PINS.auth, digest: digestOf('x') }),
    );
    if (!isBridgeError(error, 'LAST_ATTEMPT_NEEDS_CONFIRMATION')) throw error;
    const { confirmation } = error.details;
    expect(error.details).toEqual({
      triesLeft: 1,
      confirmation: expect.stringMatching(/^[A-Za-z0-9_-]{22,64}$/),
    });
    // The value is for the flow only: never in the error's text.
    expect(`${error.message} ${error.stack}`).not.toContain(confirmation);
    await expect(client.getPinStatus('auth')).resolves.toMatchObject({ triesLeft: 1 });
    const signature = await client.sign({
      key: 'auth',
      pin: TEST_PINS.auth,
      digest: digestOf('x'),
      confirmLastAttempt: confirmation,
    });
    expect(signature).toHaveLength(256);
  });

  it('readSignCertificate at the last try: refused with a value, then read with it', async () => {
    await insert('normal');
    // The signature password has 5 tries: 4 wrong ones leave the last.
    for (let i = 0; i < 4; i += 1) await bridgeErrorOf(client.readSignCertificate('WRONG9'));
    await expect(client.getPinStatus('sign')).resolves.toMatchObject({ triesLeft: 1 });
    const error = await bridgeErrorOf(client.readSignCertificate(TEST_PINS.sign));
    if (!isBridgeError(error, 'LAST_ATTEMPT_NEEDS_CONFIRMATION')) throw error;
    const der = await client.readSignCertificate(TEST_PINS.sign, {
      confirmLastAttempt: error.details.confirmation,
    });
    expect(new X509Certificate(der).subject).toBeTruthy();
  });

  it('PIN_LOCKED on a locked card', async () => {
    await insert('locked');
    const error = await bridgeErrorOf(
      client.sign({ key: 'auth', pin: TEST_PINS.auth, digest: digestOf('x') }),
    );
    expect(error.kind).toBe('PIN_LOCKED');
    await expect(client.getPinStatus('auth')).resolves.toEqual({ triesLeft: 0, maxTries: 3, locked: true });
  });

  it('NOT_MY_NUMBER_CARD with the ATR', async () => {
    await insert('not-my-number-card', 'unsupported');
    const error = await bridgeErrorOf(client.readCertificate('auth'));
    expect(isBridgeError(error, 'NOT_MY_NUMBER_CARD') && error.details.atr).toMatch(/^[0-9A-F]{2,}$/);
  });

  it('NO_CARD once the card is removed', async () => {
    await insert('normal');
    await controls.removeCard();
    expect((await bridgeErrorOf(client.getPinStatus('auth'))).kind).toBe('NO_CARD');
  });

  it('CARD_REMOVED when the card goes during the call', async () => {
    // Detection sends 2 APDUs; the sign's VERIFY is well past the 4th.
    await insert('removal-after-4');
    const error = await bridgeErrorOf(
      client.sign({ key: 'auth', pin: TEST_PINS.auth, digest: digestOf('x') }),
    );
    expect(error.kind).toBe('CARD_REMOVED');
  });

  it('PIN_FORMAT, checked by the bridge before the card', async () => {
    await insert('normal');
    const error = await bridgeErrorOf(client.sign({ key: 'auth', pin: '12a4', digest: digestOf('x') }));
    expect(error.kind).toBe('PIN_FORMAT');
    expect((await bridgeErrorOf(client.readSignCertificate('abc'))).kind).toBe('PIN_FORMAT');
    await expect(client.getPinStatus('auth')).resolves.toMatchObject({ triesLeft: 3 });
  });

  it('BUSY for a second call while the card is in use', async () => {
    await insert('normal');
    const first = client.sign({ key: 'auth', pin: TEST_PINS.auth, digest: digestOf('x') });
    const second = client.getPinStatus('auth');
    const error = await bridgeErrorOf(second);
    expect(error.kind).toBe('BUSY');
    await expect(first).resolves.toHaveLength(256);
  });

  it('PROTOCOL_ERROR for an unknown method and for bad params, the connection still usable', async () => {
    const unknown = await bridgeErrorOf(client.call('noSuchMethod' as MethodName));
    expect(unknown.kind).toBe('PROTOCOL_ERROR');
    expect(unknown.code).toBe(JsonRpcErrorCode.METHOD_NOT_FOUND);
    const badParams = await bridgeErrorOf(client.call('readCertificate', { slot: 'sign' as 'auth' }));
    expect(badParams.kind).toBe('PROTOCOL_ERROR');
    expect(badParams.code).toBe(JsonRpcErrorCode.INVALID_PARAMS);
    await expect(client.getStatus()).resolves.toBeDefined();
  });
});

describe('status events', () => {
  it('follows the card out of and into the reader', async () => {
    await insert('normal');
    recorder.skipPast();
    await controls.removeCard();
    const removed = await recorder.waitFor(isStatusEvent('absent'));
    expect(removed.status).toEqual({
      readerService: 'running',
      readers: [{ name: SIMULATED_READER, card: 'absent' }],
    });
    expect(client.status).toEqual(removed.status);

    await controls.insertCard('normal');
    const inserted = await recorder.waitFor(isStatusEvent('present'));
    expect(inserted.status.token).toBe('JPKIAPICCTOKEN2');
    await expect(controls.getScenario()).resolves.toMatchObject({ scenario: 'normal' });
  });

  it('reports a card without the JPKI AP as unsupported, without the token', async () => {
    const event = await insert('not-my-number-card', 'unsupported');
    expect(event.status.token).toBeUndefined();
  });

  it('rejects an unknown scenario with PROTOCOL_ERROR (invalid params)', async () => {
    const error = await bridgeErrorOf(controls.insertCard('no-such-scenario'));
    expect(error.kind).toBe('PROTOCOL_ERROR');
    expect(error.code).toBe(JsonRpcErrorCode.INVALID_PARAMS);
  });
});
