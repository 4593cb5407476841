/** The codes and answers of the pairing tests and the gallery (as the platform simulator makes them). */
import type { PairingStart, PhonePairing } from '../../../machines/ports';

export const CODES: PairingStart = {
  clientId: 'madoguchi-cable-tokyo',
  deviceCode: 'ZGV2aWNlLWNvZGUtb25lLTAwMDAwMDAwMDAwMDAwMDA',
  userCode: 'BCDF-GHJK',
  verificationUri: 'https://platform.example/pair',
  verificationUriComplete: 'https://platform.example/pair?code=BCDF-GHJK',
  expiresInSeconds: 600,
  intervalSeconds: 5,
};

export const NEW_CODES: PairingStart = {
  ...CODES,
  deviceCode: 'ZGV2aWNlLWNvZGUtdHdvLTAwMDAwMDAwMDAwMDAwMDA',
  userCode: 'LMNP-QRST',
  verificationUriComplete: 'https://platform.example/pair?code=LMNP-QRST',
};

export const PAIRING: PhonePairing = {
  pairingId: 'pr_0123456789abcdef',
  token: 'cGFpcmluZy10b2tlbg',
  expiresAt: Date.UTC(2027, 11, 7),
};
