/**
 * The slow and hanging card: which answer is held how long, that a held answer is the card's real
 * answer (the work is done at once), that answers keep their order on vpcd, and the CLI flags.
 * Holds are ended by `release()` or by fake timers, never by waiting for the clock.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { makeFakeCredentials } from './fake-credentials';
import { CardPace, HANGING_CARD, SLOW_CARD, parseHang } from './card-pace';
import { UsageError } from '../../native-bridge/src/bridge/command-line';
import { parseCliArgs } from './cli';
import { VirtualCardTransport } from './in-process-transport';
import { VirtualJpkiCard } from './jpki-applet';
import { createCardState } from './state';
import { selectAp, swOf, verifyPin } from './test-helpers';
import { VpcdControl, VpcdFrameReader, encodeVpcdFrame, VpcdCard } from './vpcd-client';

const newCard = () =>
  new VirtualJpkiCard({ state: createCardState(makeFakeCredentials(), { auth: '1234', sign: 'ABC123' }) });

const command = (ins: number, data?: number[]) =>
  Uint8Array.from([0x00, ins, 0x00, 0x80, ...(data ? [data.length, ...data] : [])]);

afterEach(() => jest.useRealTimers());

test('the slow preset: every answer late, the signature longest; under the 15 s limit in total', () => {
  const pace = new CardPace(SLOW_CARD);
  expect(pace.delayFor(command(0xa4))).toBe(300);
  expect(pace.delayFor(command(0x2a))).toBe(10_000);
  // A sign: SELECT AP, SELECT PIN EF, tries query, VERIFY, SELECT key, COMPUTE DIGITAL SIGNATURE.
  const sign = [0xa4, 0xa4, 0x20, 0x20, 0xa4, 0x2a].reduce(
    (sum, ins) => sum + pace.delayFor(command(ins)),
    0,
  );
  expect(sign).toBeLessThan(15_000);
  expect(sign).toBeGreaterThan(10_000);
});

test('a hang holds the first matching command once; withData skips the bare tries query', () => {
  const pace = new CardPace({ hang: { ins: 0x20, holdMs: 20_000, withData: true } });
  expect(pace.delayFor(command(0x20))).toBe(0);
  expect(pace.delayFor(command(0x20, [0x31, 0x32, 0x33, 0x34]))).toBe(20_000);
  expect(pace.delayFor(command(0x20, [0x31, 0x32, 0x33, 0x34]))).toBe(0);
  expect(new CardPace(HANGING_CARD).delayFor(command(0x2a))).toBe(20_000);
});

test('in process: the card does its work at once; the answer leaves when the hold ends', async () => {
  const card = newCard();
  const pace = new CardPace({ hang: { ins: 0x20, holdMs: 60_000, withData: true } });
  const transport = new VirtualCardTransport(card, { pace });
  await transport.transmit(selectAp());
  await transport.transmit(Uint8Array.from([0x00, 0xa4, 0x02, 0x0c, 0x02, 0x00, 0x18]));
  let answer: Uint8Array | undefined;
  const pending = transport.transmit(verifyPin('9999')).then((a) => (answer = a));
  await pace.hung;
  await new Promise((resolve) => setImmediate(resolve));
  expect(answer).toBeUndefined();
  expect(transport.apduCount).toBe(3); // the VERIFY reached the card and counted
  pace.release();
  await pending;
  expect(swOf(answer!)).toBe('63C2');
});

test('on vpcd: a held answer keeps later frames (the ATR too) behind it, in order', async () => {
  jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
  let peer: Socket | undefined;
  const server = createServer((socket) => (peer = socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const card = new VpcdCard(newCard(), {
    port: (server.address() as AddressInfo).port,
    pace: new CardPace({ answerDelayMs: 300 }),
  });
  try {
    await card.connect();
    while (!peer) await new Promise((resolve) => setImmediate(resolve));
    const frames: Uint8Array[] = [];
    const reader = new VpcdFrameReader();
    peer.on('data', (chunk) => frames.push(...reader.push(chunk)));
    peer.write(encodeVpcdFrame(selectAp()));
    peer.write(encodeVpcdFrame(Uint8Array.of(VpcdControl.getAtr)));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(frames).toEqual([]);
    await jest.advanceTimersByTimeAsync(300);
    for (let i = 0; i < 20 && frames.length < 2; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(frames.map((f) => f.length)).toEqual([2, card.card.atr.length]);
    expect(swOf(frames[0]!)).toBe('9000');
  } finally {
    jest.useRealTimers();
    await card.disconnect();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('--slow and --hang on the command line', () => {
  const pins = ['--auth-pin', '1234', '--sign-pin', 'ABC123'];
  expect(parseCliArgs(pins).pace).toBeUndefined();
  expect(parseCliArgs([...pins, '--slow']).pace).toEqual(SLOW_CARD);
  expect(parseCliArgs([...pins, '--hang', '2A:20000']).pace).toEqual({ hang: { ins: 0x2a, holdMs: 20_000 } });
  expect(parseHang('2a:5')).toEqual({ ins: 0x2a, holdMs: 5 });
  for (const bad of ['2A', 'XY:10', '2A:-1', '2A:1234567'])
    expect(() => parseCliArgs([...pins, '--hang', bad])).toThrow(UsageError);
});
