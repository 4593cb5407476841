import { derSequenceTotalLength } from './der-length';
import { CardDataError } from './errors';

describe('how far to read a certificate EF', () => {
  it('a short length: tag, length, content', () => {
    expect(derSequenceTotalLength(Uint8Array.of(0x30, 0x00))).toBe(2);
    expect(derSequenceTotalLength(Uint8Array.of(0x30, 0x7f))).toBe(0x81);
  });

  it('one, two and three length octets', () => {
    expect(derSequenceTotalLength(Uint8Array.of(0x30, 0x81, 0x80))).toBe(3 + 0x80);
    expect(derSequenceTotalLength(Uint8Array.of(0x30, 0x82, 0x04, 0xd2))).toBe(4 + 0x04d2);
    expect(derSequenceTotalLength(Uint8Array.of(0x30, 0x83, 0x01, 0x00, 0x00))).toBe(5 + 0x010000);
  });

  it('an EF without a SEQUENCE at the start holds no certificate', () => {
    expect(() => derSequenceTotalLength(Uint8Array.of(0x31, 0x05))).toThrow(
      'the EF holds no DER certificate (no SEQUENCE at offset 0)',
    );
    expect(() => derSequenceTotalLength(Uint8Array.of(0x30))).toThrow(CardDataError);
    expect(() => derSequenceTotalLength(Uint8Array.of(0xff, 0xff))).toThrow(CardDataError);
  });

  it('refuses the indefinite form and more than three length octets', () => {
    expect(() => derSequenceTotalLength(Uint8Array.of(0x30, 0x80))).toThrow(
      'unsupported DER length form 0x80',
    );
    expect(() => derSequenceTotalLength(Uint8Array.of(0x30, 0x84, 1, 0, 0, 0))).toThrow(
      'unsupported DER length form 0x84',
    );
  });

  it('a header cut short before its length octets is an error', () => {
    expect(() => derSequenceTotalLength(Uint8Array.of(0x30, 0x82, 0x04))).toThrow('DER header truncated');
    expect(derSequenceTotalLength(Uint8Array.of(0x30, 0x82, 0x00, 0x10))).toBe(0x14);
  });
});
