/**
 * The vpcd face against a fake vpcd: a TCP server in the test that speaks vpcd's framing (the real
 * pcscd + vpcd path is covered by the lead's *.pcsc.test.ts integration tests).
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { JPKI_ATR, JpkiEf } from '../../stb-spec/protocol/jpki-card';
import type { CardCredentials } from '../pki/types';
import { makeFakeCredentials } from './fake-credentials';
import { VirtualJpkiCard } from './jpki-applet';
import { createCardState } from './state';
import { readBinary, selectAp, selectEf, swOf, verifyPin } from './test-helpers';
import { encodeVpcdFrame, VpcdCard, VpcdControl, VpcdFrameReader, type RemovalReason } from './vpcd-client';

let credentials: CardCredentials;
beforeAll(() => {
  credentials = makeFakeCredentials();
});

const newCard = (): VirtualJpkiCard =>
  new VirtualJpkiCard({ state: createCardState(credentials, { auth: '1234', sign: 'ABC123' }) });

/** The vpcd side of one connection: writes frames (optionally byte by byte) and reads answers. */
class FakeVpcdPeer {
  private readonly reader = new VpcdFrameReader();
  private readonly frames: Uint8Array[] = [];
  private waiting: ((frame: Uint8Array) => void) | undefined;
  readonly closed: Promise<void>;

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk) => {
      for (const frame of this.reader.push(chunk)) {
        if (this.waiting) {
          const resolve = this.waiting;
          this.waiting = undefined;
          resolve(frame);
        } else this.frames.push(frame);
      }
    });
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
  }

  /** Sends one frame; `split` writes it in single bytes so the length prefix arrives in pieces. */
  async send(payload: Uint8Array | number, split = false): Promise<void> {
    const frame = encodeVpcdFrame(typeof payload === 'number' ? Uint8Array.of(payload) : payload);
    if (!split) {
      this.socket.write(frame);
      return;
    }
    for (const byte of frame) {
      this.socket.write(Uint8Array.of(byte));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  receive(): Promise<Uint8Array> {
    const frame = this.frames.shift();
    if (frame) return Promise.resolve(frame);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async transmit(command: Uint8Array, split = false): Promise<string> {
    await this.send(command, split);
    return swOf(await this.receive());
  }
}

class FakeVpcd {
  readonly server: Server;
  private readonly peers: FakeVpcdPeer[] = [];
  private waiting: ((peer: FakeVpcdPeer) => void) | undefined;

  constructor() {
    this.server = createServer((socket) => {
      const peer = new FakeVpcdPeer(socket);
      if (this.waiting) this.waiting(peer);
      else this.peers.push(peer);
      this.waiting = undefined;
    });
  }

  listen(port = 0): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(port, '127.0.0.1', () => resolve((this.server.address() as AddressInfo).port)),
    );
  }

  accept(): Promise<FakeVpcdPeer> {
    const peer = this.peers.shift();
    return peer ? Promise.resolve(peer) : new Promise((resolve) => (this.waiting = resolve));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let vpcd: FakeVpcd;
let port: number;
const cards: VpcdCard[] = [];
beforeEach(async () => {
  vpcd = new FakeVpcd();
  port = await vpcd.listen();
});
afterEach(async () => {
  await Promise.all(cards.splice(0).map((card) => card.disconnect()));
  await vpcd.close();
});

function vpcdCard(options: ConstructorParameters<typeof VpcdCard>[1] = {}): VpcdCard {
  const card = new VpcdCard(newCard(), { host: '127.0.0.1', port, ...options });
  cards.push(card);
  return card;
}

test('VpcdFrameReader reassembles frames split anywhere, and several per chunk', () => {
  const reader = new VpcdFrameReader();
  const stream = Buffer.concat([
    encodeVpcdFrame(Uint8Array.of(1)),
    encodeVpcdFrame(selectAp()),
    encodeVpcdFrame(Uint8Array.of(4)),
  ]);
  const frames: Uint8Array[] = [];
  frames.push(...reader.push(stream.subarray(0, 1)));
  frames.push(...reader.push(stream.subarray(1, 4)));
  frames.push(...reader.push(stream.subarray(4, 20)));
  frames.push(...reader.push(stream.subarray(20)));
  expect(frames.map((frame) => Buffer.from(frame).toString('hex'))).toEqual([
    '01',
    Buffer.from(selectAp()).toString('hex'),
    '04',
  ]);
});

test('answers GET ATR, ignores power controls, answers APDUs, also when frames arrive byte by byte', async () => {
  const card = vpcdCard();
  const apdus: string[] = [];
  card.on('apdu', (_command, response) => apdus.push(swOf(response)));
  await card.connect();
  const peer = await vpcd.accept();
  expect(peer.socket.remoteAddress).toBe('127.0.0.1');
  await peer.send(VpcdControl.powerOn, true);
  await peer.send(VpcdControl.getAtr, true);
  expect(Buffer.from(await peer.receive())).toEqual(Buffer.from(JPKI_ATR));
  expect(await peer.transmit(selectAp(), true)).toBe('9000');
  expect(await peer.transmit(selectEf(JpkiEf.authCertificate))).toBe('9000');
  await peer.send(readBinary(0, 4));
  await peer.send(readBinary(4, 4));
  expect(Buffer.from(await peer.receive())).toEqual(
    Buffer.from([...credentials.authCertificate.subarray(0, 4), 0x90, 0x00]),
  );
  expect(swOf(await peer.receive())).toBe('9000');
  expect(apdus).toEqual(['9000', '9000', '9000', '9000']);
  expect(card.apduCount).toBe(4);
});

test('reset and power-off clear the security state (no answer is sent for them)', async () => {
  const card = vpcdCard();
  await card.connect();
  const peer = await vpcd.accept();
  await peer.transmit(selectAp());
  await peer.transmit(selectEf(JpkiEf.authPin));
  expect(await peer.transmit(verifyPin('1234'))).toBe('9000');
  await peer.send(VpcdControl.reset);
  expect(await peer.transmit(verifyPin())).toBe('6986');
  await peer.transmit(selectAp());
  await peer.transmit(selectEf(JpkiEf.authPin));
  expect(await peer.transmit(verifyPin())).toBe('63C3');
  await peer.send(VpcdControl.powerOff);
  await peer.send(VpcdControl.powerOn);
  expect(await peer.transmit(verifyPin())).toBe('6986');
});

test('removeAfterApdus: the socket closes instead of answering APDU N+1', async () => {
  const card = vpcdCard({ removeAfterApdus: 2 });
  const removed = new Promise<RemovalReason>((resolve) => card.once('removed', resolve));
  await card.connect();
  const peer = await vpcd.accept();
  await peer.send(VpcdControl.getAtr);
  await peer.receive();
  expect(await peer.transmit(selectAp())).toBe('9000');
  expect(await peer.transmit(selectEf(JpkiEf.tokenInfo))).toBe('9000');
  await peer.send(readBinary(0, 32));
  await peer.closed;
  expect(await removed).toBe('apdu-limit');
  expect(card.isConnected).toBe(false);
});

test('disconnect() removes the card: vpcd sees the connection close', async () => {
  const card = vpcdCard();
  const removed = new Promise<RemovalReason>((resolve) => card.once('removed', resolve));
  await card.connect();
  const peer = await vpcd.accept();
  await card.disconnect();
  await peer.closed;
  expect(await removed).toBe('disconnected');
});

test('vpcd closing the connection is reported as removal', async () => {
  const card = vpcdCard();
  const removed = new Promise<RemovalReason>((resolve) => card.once('removed', resolve));
  await card.connect();
  (await vpcd.accept()).socket.destroy();
  expect(await removed).toBe('vpcd-closed');
});

test('connect() retries while vpcd is not listening yet, then gives up with a clear message', async () => {
  await vpcd.close();
  const late = vpcdCard({ connectAttempts: 20, retryDelayMs: 25 });
  const connecting = late.connect();
  await new Promise((resolve) => setTimeout(resolve, 120));
  vpcd = new FakeVpcd();
  await vpcd.listen(port);
  await connecting;
  await vpcd.accept();
  expect(late.isConnected).toBe(true);

  const hopeless = vpcdCard({ port: 1, connectAttempts: 3, retryDelayMs: 5 });
  await expect(hopeless.connect()).rejects.toThrow(/cannot connect to vpcd at 127\.0\.0\.1:1 .*pcscd/);
});

test('holdApduAnswers holds the answer to the next APDU but never vpcd’s ATR poll, in order once released', async () => {
  const card = vpcdCard();
  await card.connect();
  const peer = await vpcd.accept();
  const hold = card.holdApduAnswers();
  // pcscd polls presence by asking for the ATR while the hold is on: that answer must still come.
  await peer.send(VpcdControl.getAtr);
  expect(Buffer.from(await peer.receive())).toEqual(Buffer.from(JPKI_ATR));
  await peer.send(selectAp());
  await hold.reached;
  const answered = peer.receive();
  const early = await Promise.race([
    answered.then(() => 'answered'),
    new Promise((r) => setTimeout(() => r('held'), 50)),
  ]);
  expect(early).toBe('held');
  hold.release();
  expect(swOf(await answered)).toBe('9000');
  // Released for good: the next APDU is answered at once.
  expect(await peer.transmit(selectEf(JpkiEf.authCertificate))).toBe('9000');
});
