import { decodeResponse, encodeCommand, sw1, sw2, toHex } from './apdu';
import { CardDataError } from './errors';

describe('short command APDUs', () => {
  it('a bare header is 4 bytes (case 1: VERIFY without data asks for the counter)', () => {
    expect(toHex(encodeCommand({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80 }))).toBe('00200080');
  });

  it('data gets its length byte (case 3: SELECT by file id)', () => {
    const selectFile = { cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Uint8Array.of(0x00, 0x18) };
    expect(toHex(encodeCommand(selectFile))).toBe('00A4020C020018');
  });

  it('Le follows the data, and 256 is sent as 00 (case 4: COMPUTE DIGITAL SIGNATURE)', () => {
    const computeSignature = { cla: 0x80, ins: 0x2a, p1: 0x00, p2: 0x80, data: Uint8Array.of(1, 2), le: 256 };
    expect(toHex(encodeCommand(computeSignature))).toBe('802A008002010200');
  });

  it('Le alone (case 2: READ BINARY of 15 bytes)', () => {
    expect(toHex(encodeCommand({ cla: 0x00, ins: 0xb0, p1: 0x86, p2: 0x00, le: 15 }))).toBe('00B086000F');
    expect(toHex(encodeCommand({ cla: 0x00, ins: 0xb0, p1: 0, p2: 0, le: 1 }))).toBe('00B0000001');
  });

  it('takes 1 to 255 data bytes and refuses an empty or longer field', () => {
    expect(encodeCommand({ cla: 0, ins: 0x2a, p1: 0, p2: 0, data: new Uint8Array(255) })).toHaveLength(260);
    expect(encodeCommand({ cla: 0, ins: 0x2a, p1: 0, p2: 0, data: new Uint8Array(1) })).toHaveLength(6);
    expect(() => encodeCommand({ cla: 0, ins: 0x2a, p1: 0, p2: 0, data: new Uint8Array(0) })).toThrow(
      'short APDU data must be 1–255 bytes, got 0',
    );
    expect(() => encodeCommand({ cla: 0, ins: 0x2a, p1: 0, p2: 0, data: new Uint8Array(256) })).toThrow(
      'short APDU data must be 1–255 bytes, got 256',
    );
  });

  it('takes Le 1 to 256 and refuses 0 or 257', () => {
    expect(() => encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 0 })).toThrow(
      'short Le must be 1–256, got 0',
    );
    expect(() => encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 257 })).toThrow(
      'short Le must be 1–256, got 257',
    );
  });
});

describe('responses', () => {
  it('splits the data from the status word', () => {
    const { data, sw } = decodeResponse(Uint8Array.of(0xaa, 0xbb, 0x63, 0xc2));
    expect(toHex(data)).toBe('AABB');
    expect(sw).toBe(0x63c2);
    expect(sw1(sw)).toBe(0x63);
    expect(sw2(sw)).toBe(0xc2);
  });

  it('a bare status word has no data', () => {
    const { data, sw } = decodeResponse(Uint8Array.of(0x90, 0x00));
    expect(data).toHaveLength(0);
    expect(sw).toBe(0x9000);
  });

  it.each([0, 1])('a response of %i bytes is a card data error', (length) => {
    expect(() => decodeResponse(new Uint8Array(length))).toThrow(CardDataError);
    expect(() => decodeResponse(new Uint8Array(length))).toThrow(
      `response of ${length} bytes has no status word`,
    );
  });

  it('hex for logs is upper case and covers only the given view', () => {
    const bytes = Uint8Array.of(0x00, 0x0a, 0xff, 0x10);
    expect(toHex(bytes.subarray(1, 3))).toBe('0AFF');
  });
});
