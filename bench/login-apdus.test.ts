import { splitLoginApdus } from './login-apdus';

const apdu = (hex: string, sw = '9000') => ({
  command: Uint8Array.from(Buffer.from(hex, 'hex')),
  response: Uint8Array.from(Buffer.from(sw, 'hex')),
  at: 0,
});

describe('splitLoginApdus', () => {
  const selectAp = apdu('00a4040c0ad3921000310001010401');
  const pinStatus = apdu('0020008000', '63c3'); // no data: no try spent
  const verify = apdu('002000800401020304'); // PIN-shaped data (not a real PIN)
  const selectKey = apdu('00a4020c020017');
  const sign = apdu(`802a00806b${'00'.repeat(0x6b)}00`);

  it('primes with everything before the PIN VERIFY and measures VERIFY … SIGN', () => {
    const { prime, measured } = splitLoginApdus([selectAp, pinStatus, verify, selectKey, sign]);
    expect(prime.map((e) => e.sw)).toEqual([0x9000, 0x63c3]);
    expect(measured.map((e) => e.command[1])).toEqual([0x20, 0xa4, 0x2a]);
  });

  it('refuses a login without a VERIFY and a SIGN, or with a failed VERIFY (never replayed)', () => {
    expect(() => splitLoginApdus([selectAp, pinStatus])).toThrow(/VERIFY followed by a SIGN/);
    expect(() =>
      splitLoginApdus([selectAp, { ...verify, response: Uint8Array.of(0x63, 0xc2) }, sign]),
    ).toThrow(/VERIFY failed/);
  });
});
