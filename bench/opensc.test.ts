import { authTokenLabel, authTriesLeft } from './opensc';

const slots = `Available slots:
Slot 0 (0x0): Virtual PCD 00 00
  token label        : JPKI (User Authentication PIN)
  token manufacturer : JPKI
Slot 1 (0x1): Virtual PCD 00 01
  token label        : JPKI (Digital Signature PIN)
  token manufacturer : JPKI
Slot 2 (0x2): Virtual PCD 00 01
  token label        : JPKI (User Authentication PIN)
  token manufacturer : JPKI
`;

describe('authTokenLabel', () => {
  it('finds the auth-PIN token on the named reader only', () => {
    expect(authTokenLabel(slots, 'Virtual PCD 00 01')).toBe('JPKI (User Authentication PIN)');
  });

  it('fails with the listing when the reader has no auth token (e.g. it was busy)', () => {
    const busy = 'Available slots:\nSlot 0 (0x0): (GetSlotInfo failed, CKR_DEVICE_ERROR)\n';
    expect(() => authTokenLabel(busy, 'Virtual PCD 00 01')).toThrow(/no auth-PIN token.*CKR_DEVICE_ERROR/s);
  });
});

describe('authTriesLeft', () => {
  it('reads the User Authentication PIN block, not the signature one', () => {
    const listing = `PIN [User Authentication PIN]
\tID             : 01
\tTries left     : 2

PIN [Digital Signature PIN]
\tID             : 02
\tTries left     : 5
`;
    expect(authTriesLeft(listing)).toBe(2);
  });

  it('is undefined when the listing has no auth PIN', () => {
    expect(authTriesLeft('PIN [Digital Signature PIN]\n\tTries left     : 5\n')).toBeUndefined();
  });
});
