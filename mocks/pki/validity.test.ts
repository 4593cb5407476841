import { normalizeSerialHex } from './engine';
import { fromPem, fromPemAll, toPem } from './pem';
import {
  certificateNotAfter,
  compactToIsoDate,
  isoToCompactDate,
  nthBirthdayAfter,
  parseIsoDate,
} from './validity';

/** An instant given as Japan time. */
const jst = (isoLocal: string): Date => new Date(`${isoLocal}+09:00`);

describe('5th birthday after issue (発行日後5回目の誕生日)', () => {
  it('counts this year when the birthday is still ahead', () => {
    // Born 14 May; issued in January 2026 → birthdays 2026, 27, 28, 29, 2030.
    expect(certificateNotAfter('1947-05-14', jst('2026-01-10T10:00:00'))).toEqual(jst('2030-05-14T23:59:59'));
  });

  it('starts next year when the birthday has passed', () => {
    // Born 3 November; issued 24 November 2026 → 2027 … 2031.
    expect(certificateNotAfter('1944-11-03', jst('2026-11-24T09:00:00'))).toEqual(jst('2031-11-03T23:59:59'));
  });

  it('does not count a birthday on the issue date itself', () => {
    expect(certificateNotAfter('1949-08-21', jst('2026-08-21T10:00:00'))).toEqual(jst('2031-08-21T23:59:59'));
    expect(certificateNotAfter('1949-08-21', jst('2026-08-20T23:00:00'))).toEqual(jst('2030-08-21T23:59:59'));
  });

  it('reckons the issue date in Japan time, not UTC', () => {
    // 2026-08-20T20:00Z is already 21 August (the birthday) in Japan.
    expect(certificateNotAfter('1949-08-21', new Date('2026-08-20T20:00:00Z'))).toEqual(
      jst('2031-08-21T23:59:59'),
    );
    expect(certificateNotAfter('1949-08-21', new Date('2026-08-20T14:00:00Z'))).toEqual(
      jst('2030-08-21T23:59:59'),
    );
  });

  it('expires 23:59:59 JST, i.e. 14:59:59Z', () => {
    expect(certificateNotAfter('1947-05-14', jst('2026-01-10T10:00:00')).toISOString()).toBe(
      '2030-05-14T14:59:59.000Z',
    );
  });

  describe('29 February birthdays fall on 28 February in common years', () => {
    it.each([
      // 2027-02-28, 2028-02-29, 2029-02-28, 2030-02-28, 2031-02-28.
      ['ends on 28 Feb when the 5th birthday is in a common year', '1952-02-29', '2026-11-24', '2031-02-28'],
      [
        'treats 28 Feb of a common year as the birthday: issued that day, not counted',
        '1952-02-29',
        '2027-02-28',
        '2032-02-29',
      ],
      [
        'treats 28 Feb of a common year as the birthday: issued the day before, counted',
        '1952-02-29',
        '2027-02-27',
        '2031-02-28',
      ],
      ['keeps 28 Feb birthdays on 28 Feb even in leap years', '1950-02-28', '2027-03-01', '2032-02-28'],
    ])('%s', (_, birthDate, issuedOn, fifthBirthday) => {
      const [year, month, day] = fifthBirthday.split('-').map(Number);
      expect(nthBirthdayAfter(birthDate, jst(`${issuedOn}T12:00:00`))).toEqual({ year, month, day });
    });

    it('ends on 29 Feb when the 5th birthday is in a leap year', () => {
      // Issued 1 March 2027: 2028-02-29, 2029, 2030, 2031, 2032-02-29.
      expect(certificateNotAfter('1952-02-29', jst('2027-03-01T12:00:00'))).toEqual(
        jst('2032-02-29T23:59:59'),
      );
    });
  });

  it('rejects malformed and impossible birth dates', () => {
    expect(() => parseIsoDate('1951-02-29')).toThrow('no such date');
    expect(() => parseIsoDate('19510228')).toThrow('YYYY-MM-DD');
    expect(() => certificateNotAfter('1948-13-01', new Date())).toThrow();
  });
});

describe('birth date formats', () => {
  it('converts ISO ⇄ the certificate YYYYMMDD form', () => {
    expect(isoToCompactDate('1948-04-02')).toBe('19480402');
    expect(compactToIsoDate('19480402')).toBe('1948-04-02');
    expect(() => compactToIsoDate('1948-04-02')).toThrow();
    expect(() => compactToIsoDate('19480231')).toThrow();
  });
});

describe('serial number hex', () => {
  it('normalises to DER INTEGER content octets in lower case', () => {
    expect(normalizeSerialHex('2F:16:9E')).toBe('2f169e');
    expect(normalizeSerialHex('9f01')).toBe('009f01');
    expect(normalizeSerialHex('00:9F:01')).toBe('009f01');
    expect(normalizeSerialHex('0001')).toBe('01');
    expect(() => normalizeSerialHex('xyz')).toThrow();
  });
});

describe('PEM', () => {
  it('round-trips DER with 64-character lines and reads bundles', () => {
    const der = new Uint8Array(Array.from({ length: 200 }, (_, i) => i));
    const pem = toPem(der, 'CERTIFICATE');
    expect(pem.split('\n').every((line) => line.length <= 64)).toBe(true);
    expect(fromPem(pem)).toEqual(der);
    const bundle = pem + toPem(new Uint8Array([1, 2, 3]), 'X509 CRL') + pem;
    expect(fromPemAll(bundle, 'CERTIFICATE')).toHaveLength(2);
    expect(fromPem(bundle, 'X509 CRL')).toEqual(new Uint8Array([1, 2, 3]));
    expect(() => fromPem('nothing here')).toThrow('no PEM block');
  });
});
