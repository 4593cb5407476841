/** The applet's optional behaviours (SFI reads, 6Cxx short reads, T=0 GET RESPONSE) and the fuzz test. */
import { Cla, Ins, JPKI_AID, JpkiEf } from '../../stb-spec/protocol/jpki-card';
import { VirtualJpkiCard, type VirtualJpkiCardOptions } from './jpki-applet';
import { statusWordOf } from './status-words';
import {
  apdu,
  computeSignature,
  dataOf,
  getResponse,
  readBinary,
  selectAp,
  selectEf,
  swOf,
  fakeCardsOfOneFile,
  verifyPin,
} from './test-helpers';
import { seededRandom } from '../seeded-random';

const fakeCards = fakeCardsOfOneFile();
const newCard = (options?: Partial<VirtualJpkiCardOptions>): VirtualJpkiCard =>
  fakeCards.newCard(options).card;
const credentials = () => fakeCards.credentials();

const readSfi = (sfi: number, offset: number, le: number): Uint8Array =>
  apdu(Cla.iso, Ins.readBinary, 0x80 | sfi, offset, le & 0xff);

describe('READ BINARY with short EF identifiers', () => {
  test('P1 = 0x8A reads EF 000A from offset P2 and makes it current', () => {
    const card = newCard();
    card.process(selectAp());
    const response = card.process(readSfi(0x0a, 0x10, 0x20));
    expect(swOf(response)).toBe('9000');
    expect(dataOf(response)).toEqual(credentials().authCertificate.subarray(0x10, 0x30));
    expect(dataOf(card.process(readBinary(0x100, 4)))).toEqual(
      credentials().authCertificate.subarray(0x100, 0x104),
    );
    expect(dataOf(card.process(readSfi(0x0b, 0, 4)))).toEqual(credentials().authCaCertificate.subarray(0, 4));
  });

  test('access rules apply as for SELECT: sign cert 6982, PIN EF 6981; unknown SFI 6A82; bad P1 6A86', () => {
    const card = newCard();
    expect(swOf(card.process(readSfi(0x0a, 0, 4)))).toBe('6A82');
    card.process(selectAp());
    expect(swOf(card.process(readSfi(0x01, 0, 4)))).toBe('6982');
    expect(swOf(card.process(readSfi(0x18, 0, 4)))).toBe('6981');
    expect(swOf(card.process(readSfi(0x05, 0, 4)))).toBe('6A82');
    expect(swOf(card.process(apdu(0x00, 0xb0, 0x80, 0x00, 0x04)))).toBe('6A86');
    expect(swOf(card.process(apdu(0x00, 0xb0, 0x9f, 0x00, 0x04)))).toBe('6A86');
    expect(swOf(card.process(apdu(0x00, 0xb0, 0xca, 0x00, 0x04)))).toBe('6A86');
  });

  test('switched off: P1 with bit 8 set → 6A81 (function not supported)', () => {
    const card = newCard({ sfiReads: false });
    card.process(selectAp());
    expect(swOf(card.process(readSfi(0x0a, 0, 4)))).toBe('6A81');
    expect(swOf(card.process(apdu(selectEf(JpkiEf.authCertificate))))).toBe('9000');
    expect(swOf(card.process(readBinary(0, 4)))).toBe('9000');
  });
});

describe('short reads at the end of an EF', () => {
  test('default: the bytes that are left + 6282', () => {
    const card = newCard();
    card.process(selectAp());
    card.process(selectEf(JpkiEf.tokenInfo));
    const response = card.process(readBinary(30, 0));
    expect(swOf(response)).toBe('6282');
    expect(dataOf(response)).toHaveLength(2);
  });

  test("option 'wrong-le': 6Cxx with the exact length; asking again with it succeeds", () => {
    const card = newCard({ shortRead: 'wrong-le' });
    const size = credentials().authCertificate.length;
    card.process(selectAp());
    card.process(selectEf(JpkiEf.authCertificate));
    const offset = size - 0x4b;
    expect(swOf(card.process(readBinary(offset, 0)))).toBe('6C4B');
    const response = card.process(readBinary(offset, 0x4b));
    expect(swOf(response)).toBe('9000');
    expect(dataOf(response)).toEqual(credentials().authCertificate.subarray(offset));
  });
});

describe('deliverResponsesViaGetResponse (T=0 style)', () => {
  test('data comes back as 61xx and GET RESPONSE fetches it', () => {
    const card = newCard({ deliverResponsesViaGetResponse: true });
    expect(swOf(card.process(selectAp()))).toBe('9000');
    card.process(selectEf(JpkiEf.authCertificate));
    expect(swOf(card.process(readBinary(0, 4)))).toBe('6104');
    const response = card.process(getResponse(4));
    expect(swOf(response)).toBe('9000');
    expect(dataOf(response)).toEqual(credentials().authCertificate.subarray(0, 4));
    expect(swOf(card.process(getResponse(4)))).toBe('6985');
  });

  test('Le larger than what is waiting → 6Cxx; a partial fetch → 61xx for the rest', () => {
    const card = newCard({ deliverResponsesViaGetResponse: true });
    card.process(selectAp());
    card.process(selectEf(JpkiEf.authCertificate));
    expect(swOf(card.process(readBinary(0, 0x20)))).toBe('6120');
    expect(swOf(card.process(getResponse(0x30)))).toBe('6C20');
    const first = card.process(getResponse(0x08));
    expect(swOf(first)).toBe('6118');
    const rest = card.process(getResponse(0x18));
    expect(swOf(rest)).toBe('9000');
    expect(Buffer.concat([dataOf(first), dataOf(rest)])).toEqual(
      Buffer.from(credentials().authCertificate.subarray(0, 0x20)),
    );
  });

  test('a 256-byte signature → 6100, fetched with Le 00; the final SW of a short read is kept', () => {
    const card = newCard({ deliverResponsesViaGetResponse: true });
    card.process(selectAp());
    card.process(selectEf(JpkiEf.authPin));
    expect(swOf(card.process(verifyPin('1234')))).toBe('9000');
    expect(swOf(card.process(verifyPin('0000')))).toBe('63C2');
    card.process(verifyPin('1234'));
    card.process(selectEf(JpkiEf.authKey));
    expect(swOf(card.process(computeSignature(new Uint8Array(51).fill(7))))).toBe('6100');
    const signature = card.process(getResponse(0));
    expect(swOf(signature)).toBe('9000');
    expect(dataOf(signature)).toHaveLength(256);

    card.process(selectEf(JpkiEf.tokenInfo));
    expect(swOf(card.process(readBinary(28, 0)))).toBe('6104');
    expect(swOf(card.process(getResponse(4)))).toBe('6282');
  });

  test('any other command discards the waiting response; P1/P2 → 6A86; no Le → 6700', () => {
    const card = newCard({ deliverResponsesViaGetResponse: true });
    card.process(selectAp());
    card.process(selectEf(JpkiEf.tokenInfo));
    card.process(readBinary(0, 4));
    expect(swOf(card.process(apdu(0x00, 0xc0, 0x01, 0x00, 0x04)))).toBe('6A86');
    expect(swOf(card.process(apdu(0x00, 0xc0, 0x00, 0x00)))).toBe('6700');
    expect(swOf(card.process(getResponse(4)))).toBe('9000');
    card.process(readBinary(0, 4));
    card.process(apdu(0x00, 0xca, 0x00, 0x00, 0x00));
    expect(swOf(card.process(getResponse(4)))).toBe('6985');
  });
});

test('fuzz: 5,000 random APDUs never throw and always end in a status word', () => {
  const random = seededRandom(0x4a504b49);
  const byte = (): number => Math.floor(random() * 256);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const card = newCard({ deliverResponsesViaGetResponse: false });
  const t0Card = newCard({ deliverResponsesViaGetResponse: true, shortRead: 'wrong-le', sfiReads: false });
  const seen = new Set<string>();
  for (let i = 0; i < 5000; i++) {
    let command: Uint8Array;
    const shape = random();
    if (shape < 0.1) {
      command = Uint8Array.from({ length: Math.floor(random() * 4) }, byte);
    } else if (shape < 0.4) {
      command = Uint8Array.from({ length: 4 + Math.floor(random() * 260) }, byte);
    } else if (shape < 0.5) {
      command = pick([
        selectAp(),
        selectEf(pick(Object.values(JpkiEf))),
        verifyPin(pick(['1234', 'ABC123', '0000'])),
      ]);
    } else {
      // Valid CLA/INS with random parameters and lengths reach the deeper paths.
      const [cla, ins] = pick([
        [0x00, 0xa4],
        [0x00, 0xb0],
        [0x00, 0x20],
        [0x00, 0xc0],
        [0x80, 0x2a],
      ] as const);
      const dataLength = pick([0, 0, 1, 2, 4, 10, Math.floor(random() * 256)]);
      const data =
        dataLength === 10 && random() < 0.5 ? JPKI_AID : Uint8Array.from({ length: dataLength }, byte);
      const header = [
        cla,
        ins,
        pick([0x00, 0x02, 0x04, 0x80, 0x8a, byte()]),
        pick([0x00, 0x0c, 0x80, byte()]),
      ];
      const body = dataLength > 0 ? [dataLength, ...data] : [];
      const le = random() < 0.5 ? [byte()] : [];
      command = Uint8Array.from([...header, ...body, ...le]);
    }
    for (const target of [card, t0Card]) {
      const response = target.process(command);
      const sw = statusWordOf(response);
      expect(sw).toBeDefined();
      // 6F00 would mean an internal error was caught: every input must have a defined answer.
      expect(sw).not.toBe(0x6f00);
      seen.add(swOf(response));
    }
  }
  expect(seen.size).toBeGreaterThan(10);
});
