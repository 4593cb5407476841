import { constants, createHash, createPrivateKey, createPublicKey, verify } from 'node:crypto';
import {
  JPKI_AID,
  JPKI_ATR,
  JPKI_TOKEN_LABEL,
  JpkiEf,
  SHA256_DIGEST_INFO_PREFIX,
} from '../../stb-spec/protocol/jpki-card';
import { GENERIC_CARD_ATR, VirtualJpkiCard } from './jpki-applet';
import {
  apdu,
  computeSignature,
  dataOf,
  readBinary,
  selectAp,
  selectEf,
  swOf,
  fakeCardsOfOneFile,
  verifyPin,
} from './test-helpers';

const AUTH_PIN = '1234';
const SIGN_PIN = 'ABC123';

const { newCard, credentials } = fakeCardsOfOneFile();

/** Sends each APDU and returns the SW of the last one. */
function send(card: VirtualJpkiCard, ...commands: Uint8Array[]): string {
  let sw = '';
  for (const command of commands) sw = swOf(card.process(command));
  return sw;
}

function digestInfo(message: string): Uint8Array {
  const digest = createHash('sha256').update(message).digest();
  return apdu(SHA256_DIGEST_INFO_PREFIX, digest);
}

describe('SELECT', () => {
  test('the JPKI AP by DF name → 9000, another AID → 6A82', () => {
    const { card } = newCard();
    expect(send(card, selectAp())).toBe('9000');
    expect(send(card, apdu(0x00, 0xa4, 0x04, 0x0c, 0x07, 0xa0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00))).toBe(
      '6A82',
    );
    expect(send(card, apdu(0x00, 0xa4, 0x04, 0x0c, 0x09, JPKI_AID.subarray(0, 9)))).toBe('6A82');
  });

  test('EFs only once the AP is selected; unknown EFs → 6A82', () => {
    const { card } = newCard();
    expect(send(card, selectEf(JpkiEf.authCertificate))).toBe('6A82');
    expect(send(card, selectAp(), selectEf(JpkiEf.authCertificate))).toBe('9000');
    for (const id of Object.values(JpkiEf)) expect(send(card, selectEf(id))).toBe('9000');
    expect(send(card, selectEf(0x3f00))).toBe('6A82');
    expect(send(card, selectEf(0x0005))).toBe('6A82');
  });

  test('P2 other than 0C and P1 other than 02/04 → 6A86; bad lengths → 6700', () => {
    const { card } = newCard();
    expect(send(card, apdu(0x00, 0xa4, 0x04, 0x00, JPKI_AID.length, JPKI_AID, 0x00))).toBe('6A86');
    expect(send(card, apdu(0x00, 0xa4, 0x00, 0x0c, 0x02, 0x3f, 0x00))).toBe('6A86');
    expect(send(card, apdu(0x00, 0xa4, 0x04, 0x0c))).toBe('6700');
    expect(send(card, selectAp(), apdu(0x00, 0xa4, 0x02, 0x0c, 0x03, 0x00, 0x0a, 0x00))).toBe('6700');
    expect(send(card, apdu(0x00, 0xa4, 0x02, 0x0c, 0x05, 0x00, 0x0a))).toBe('6700');
  });

  test('selecting the AP again ends the AP session: verified PINs are forgotten', () => {
    const { card } = newCard();
    expect(send(card, selectAp(), selectEf(JpkiEf.authPin), verifyPin(AUTH_PIN), verifyPin())).toBe('9000');
    expect(send(card, selectAp(), selectEf(JpkiEf.authPin), verifyPin())).toBe('63C3');
  });
});

describe('READ BINARY', () => {
  test('the first 4 bytes give the DER length; 256-byte chunks (Le 00) read the whole certificate', () => {
    const { card } = newCard();
    send(card, selectAp(), selectEf(JpkiEf.authCertificate));
    const header = card.process(readBinary(0, 4));
    expect(swOf(header)).toBe('9000');
    const head = dataOf(header);
    const total = ((head[2]! << 8) | head[3]!) + 4;
    expect(total).toBe(credentials().authCertificate.length);
    const chunks: Uint8Array[] = [];
    for (let offset = 0; offset < total; offset += 256) {
      const response = card.process(readBinary(offset, Math.min(256, total - offset)));
      expect(swOf(response)).toBe('9000');
      chunks.push(dataOf(response));
    }
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(credentials().authCertificate));
    expect(dataOf(card.process(readBinary(0, 256)))).toHaveLength(256);
  });

  test.each([
    ['auth CA', JpkiEf.authCaCertificate, 'authCaCertificate'],
    ['sign CA', JpkiEf.signCaCertificate, 'signCaCertificate'],
  ] as const)('%s certificate is readable without PIN', (_name, fileId, field) => {
    const { card } = newCard();
    send(card, selectAp(), selectEf(fileId));
    expect(dataOf(card.process(readBinary(0, 100)))).toEqual(credentials()[field].subarray(0, 100));
  });

  test('token EF: JPKIAPICCTOKEN2 padded with spaces to 32 bytes', () => {
    const { card } = newCard();
    send(card, selectAp(), selectEf(JpkiEf.tokenInfo));
    const response = card.process(readBinary(0, 32));
    expect(swOf(response)).toBe('9000');
    expect(Buffer.from(dataOf(response)).toString('ascii')).toBe(JPKI_TOKEN_LABEL.padEnd(32, ' '));
  });

  test('sign certificate → 6982 until the signature password is verified in this AP session', () => {
    const { card } = newCard();
    expect(send(card, selectAp(), selectEf(JpkiEf.signCertificate), readBinary(0, 4))).toBe('6982');
    expect(send(card, selectEf(JpkiEf.signPin), verifyPin(SIGN_PIN))).toBe('9000');
    const response = card.process(apdu(selectEf(JpkiEf.signCertificate)));
    expect(swOf(response)).toBe('9000');
    expect(dataOf(card.process(readBinary(0, 4)))).toEqual(credentials().signCertificate.subarray(0, 4));
    card.reset();
    expect(send(card, selectAp(), selectEf(JpkiEf.signCertificate), readBinary(0, 4))).toBe('6982');
  });

  test('PIN and key EFs → 6981; no current EF → 6986', () => {
    const { card } = newCard();
    expect(send(card, readBinary(0, 4))).toBe('6986');
    expect(send(card, selectAp(), readBinary(0, 4))).toBe('6986');
    for (const id of [JpkiEf.authPin, JpkiEf.signPin, JpkiEf.authKey, JpkiEf.signKey]) {
      expect(send(card, selectEf(id), readBinary(0, 4))).toBe('6981');
    }
  });

  test('offset at or after the end → 6B00; fewer bytes left than Le → the bytes + 6282', () => {
    const { card } = newCard();
    const size = credentials().authCertificate.length;
    send(card, selectAp(), selectEf(JpkiEf.authCertificate));
    expect(send(card, readBinary(size, 1))).toBe('6B00');
    expect(send(card, readBinary(0x7fff, 1))).toBe('6B00');
    const response = card.process(readBinary(size - 10, 0));
    expect(swOf(response)).toBe('6282');
    expect(dataOf(response)).toEqual(credentials().authCertificate.subarray(size - 10));
  });

  test('wrong lengths → 6700: no Le, or command data', () => {
    const { card } = newCard();
    send(card, selectAp(), selectEf(JpkiEf.authCertificate));
    expect(send(card, apdu(0x00, 0xb0, 0x00, 0x00))).toBe('6700');
    expect(send(card, apdu(0x00, 0xb0, 0x00, 0x00, 0x01, 0x00, 0x04))).toBe('6700');
  });
});

describe('VERIFY', () => {
  test('without data: 63Cx tries left, or 9000 once verified in this AP session', () => {
    const { card } = newCard();
    expect(send(card, selectAp(), selectEf(JpkiEf.authPin), verifyPin())).toBe('63C3');
    expect(send(card, selectEf(JpkiEf.signPin), verifyPin())).toBe('63C5');
    // A T=0 reader turns the case-1 APDU into 00 20 00 80 00: still a tries query.
    expect(send(card, apdu(0x00, 0x20, 0x00, 0x80, 0x00))).toBe('63C5');
    expect(send(card, verifyPin(SIGN_PIN), verifyPin())).toBe('9000');
    expect(send(card, selectEf(JpkiEf.authPin), verifyPin())).toBe('63C3');
  });

  test('a wrong PIN costs a try, the right one restores the counter', () => {
    const { card, state } = newCard();
    expect(send(card, selectAp(), selectEf(JpkiEf.authPin), verifyPin('9999'))).toBe('63C2');
    expect(send(card, verifyPin())).toBe('63C2');
    expect(state.triesLeft.auth).toBe(2);
    expect(send(card, verifyPin(AUTH_PIN))).toBe('9000');
    expect(state.triesLeft.auth).toBe(3);
    expect(send(card, selectEf(JpkiEf.signPin), verifyPin('WRONG1'))).toBe('63C4');
    expect(send(card, verifyPin('abc123'))).toBe('63C3');
  });

  test('locked sequence 63C2 → 63C1 → 63C0 → 6984, even for the right PIN', () => {
    const { card } = newCard();
    send(card, selectAp(), selectEf(JpkiEf.authPin));
    expect(['0000', '0001', '0002', AUTH_PIN].map((pin) => send(card, verifyPin(pin)))).toEqual([
      '63C2',
      '63C1',
      '63C0',
      '6984',
    ]);
    expect(send(card, verifyPin())).toBe('63C0');
    card.powerOn();
    expect(send(card, selectAp(), selectEf(JpkiEf.authPin), verifyPin())).toBe('63C0');
  });

  test('counters survive power cycles, verified flags do not', () => {
    const { card } = newCard();
    send(card, selectAp(), selectEf(JpkiEf.signPin), verifyPin('NOPE00'));
    send(card, selectEf(JpkiEf.authPin), verifyPin(AUTH_PIN));
    card.powerOn();
    expect(send(card, selectAp(), selectEf(JpkiEf.signPin), verifyPin())).toBe('63C4');
    expect(send(card, selectEf(JpkiEf.authPin), verifyPin())).toBe('63C3');
  });

  test('no PIN EF current → 6986; P1/P2 other than 00 80 → 6A86; data with Le → 6700', () => {
    const { card } = newCard();
    expect(send(card, verifyPin(AUTH_PIN))).toBe('6986');
    expect(send(card, selectAp(), selectEf(JpkiEf.authCertificate), verifyPin())).toBe('6986');
    expect(send(card, selectEf(JpkiEf.authPin), apdu(0x00, 0x20, 0x00, 0x81))).toBe('6A86');
    expect(send(card, apdu(0x00, 0x20, 0x01, 0x80, 0x04, Buffer.from(AUTH_PIN)))).toBe('6A86');
    expect(send(card, apdu(0x00, 0x20, 0x00, 0x80, 0x04, Buffer.from(AUTH_PIN), 0x00))).toBe('6700');
  });

  test('every counter change is reported for persistence', () => {
    const changes: number[] = [];
    const { card } = newCard({ onStateChange: (state) => changes.push(state.triesLeft.auth) });
    send(card, selectAp(), selectEf(JpkiEf.authPin), verifyPin(), verifyPin('1111'), verifyPin('2222'));
    send(card, verifyPin(AUTH_PIN), verifyPin(AUTH_PIN));
    expect(changes).toEqual([2, 1, 3]);
  });
});

describe('COMPUTE DIGITAL SIGNATURE', () => {
  test.each([
    ['auth', JpkiEf.authKey, JpkiEf.authPin, AUTH_PIN, 'authPrivateKeyPkcs8'],
    ['sign', JpkiEf.signKey, JpkiEf.signPin, SIGN_PIN, 'signPrivateKeyPkcs8'],
  ] as const)(
    '%s key: RSA PKCS#1 v1.5 signature that verifies over SHA-256',
    (_kind, keyEf, pinEf, pin, field) => {
      const { card } = newCard();
      send(card, selectAp(), selectEf(pinEf), verifyPin(pin), selectEf(keyEf));
      const response = card.process(computeSignature(digestInfo('hello madoguchi')));
      expect(swOf(response)).toBe('9000');
      const signature = dataOf(response);
      expect(signature).toHaveLength(256);
      const publicKey = createPublicKey(
        createPrivateKey({ key: Buffer.from(credentials()[field]), format: 'der', type: 'pkcs8' }),
      );
      const ok = verify(
        'sha256',
        Buffer.from('hello madoguchi'),
        { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
        signature,
      );
      expect(ok).toBe(true);
    },
  );

  test('the key needs its own PIN verified in this AP session → 6982', () => {
    const { card } = newCard();
    expect(send(card, selectAp(), selectEf(JpkiEf.authKey), computeSignature(digestInfo('x')))).toBe('6982');
    expect(send(card, selectEf(JpkiEf.authPin), verifyPin(AUTH_PIN), selectEf(JpkiEf.signKey))).toBe('9000');
    expect(send(card, computeSignature(digestInfo('x')))).toBe('6982');
    expect(send(card, selectAp(), selectEf(JpkiEf.authKey), computeSignature(digestInfo('x')))).toBe('6982');
  });

  test('no key EF current → 6986; P1/P2 → 6A86; too long or no data → 6700', () => {
    const { card } = newCard();
    expect(send(card, selectAp(), computeSignature(digestInfo('x')))).toBe('6986');
    expect(send(card, selectEf(JpkiEf.authPin), verifyPin(AUTH_PIN), computeSignature(digestInfo('x')))).toBe(
      '6986',
    );
    send(card, selectEf(JpkiEf.authKey));
    expect(send(card, apdu(0x80, 0x2a, 0x9e, 0x9a, 0x02, 0x01, 0x02, 0x00))).toBe('6A86');
    expect(send(card, computeSignature(new Uint8Array(246).fill(1)))).toBe('6700');
    expect(send(card, apdu(0x80, 0x2a, 0x00, 0x80, 0x00))).toBe('6700');
    expect(send(card, computeSignature(new Uint8Array(245).fill(1)))).toBe('9000');
  });
});

describe('classes and instructions', () => {
  test('unknown CLA → 6E00, known INS with the wrong CLA → 6E00, unknown INS → 6D00', () => {
    const { card } = newCard();
    expect(send(card, apdu(0xa0, 0xa4, 0x00, 0x00, 0x02, 0x3f, 0x00))).toBe('6E00');
    expect(send(card, apdu(0x80, 0xa4, 0x04, 0x0c, JPKI_AID.length, JPKI_AID))).toBe('6E00');
    expect(send(card, apdu(0x00, 0x2a, 0x9e, 0x9a, 0x01, 0x00))).toBe('6E00');
    expect(send(card, apdu(0x00, 0xca, 0x9f, 0x7f, 0x00))).toBe('6D00');
    expect(send(card, apdu(0x80, 0x50, 0x00, 0x00, 0x08, new Uint8Array(8)))).toBe('6D00');
  });

  test('APDUs of 0–3 bytes and extended lengths → 6700', () => {
    const { card } = newCard();
    for (const short of [apdu(), apdu(0x00), apdu(0x00, 0xa4), apdu(0x00, 0xa4, 0x04)]) {
      expect(send(card, short)).toBe('6700');
    }
    expect(send(card, apdu(0x00, 0xa4, 0x04, 0x0c, 0x00, 0x00, 0x0a, JPKI_AID))).toBe('6700');
  });
});

describe('ATR and the not-my-number-card variant', () => {
  test('a My Number Card has the JPKI ATR', () => {
    expect(newCard().card.atr).toEqual(JPKI_ATR);
  });

  test('without a JPKI AP: generic ATR, SELECT of the JPKI AID → 6A82', () => {
    const { card } = newCard({ hasJpkiAp: false });
    expect(card.atr).toEqual(GENERIC_CARD_ATR);
    expect(send(card, selectAp())).toBe('6A82');
    expect(send(card, selectEf(JpkiEf.authCertificate))).toBe('6A82');
    expect(send(card, readBinary(0, 4))).toBe('6986');
  });
});
