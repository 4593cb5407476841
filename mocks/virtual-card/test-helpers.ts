/**
 * APDU builders and assertions shared by this folder's tests. Built from the named constants of
 * stb-spec/protocol/jpki-card.ts (the spec's tables) so tests speak of EFs and INS, not bytes.
 */
import {
  Cla,
  Ins,
  JPKI_AID,
  SELECT_P2_NO_RESPONSE,
  SIGN_P1,
  SIGN_P2,
  SelectP1,
  VERIFY_P1,
  VERIFY_P2_SELECTED_PIN,
} from '../../stb-spec/protocol/jpki-card';
import type { CardCredentials } from '../pki/types';
import { makeFakeCredentials } from './fake-credentials';
import { VirtualJpkiCard, type VirtualJpkiCardOptions } from './jpki-applet';
import { createCardState, type VirtualCardState } from './state';
import { statusWordOf, swHex } from './status-words';

export function apdu(...parts: (number | Uint8Array | readonly number[])[]): Uint8Array {
  const bytes: number[] = [];
  for (const part of parts) {
    if (typeof part === 'number') bytes.push(part);
    else bytes.push(...part);
  }
  return Uint8Array.from(bytes);
}

export const selectAp = (): Uint8Array =>
  apdu(Cla.iso, Ins.select, SelectP1.byDfName, SELECT_P2_NO_RESPONSE, JPKI_AID.length, JPKI_AID);

export const selectEf = (fileId: number): Uint8Array =>
  apdu(Cla.iso, Ins.select, SelectP1.byFileId, SELECT_P2_NO_RESPONSE, 2, fileId >> 8, fileId & 0xff);

/** READ BINARY with a 15-bit offset; le 256 is encoded as 00. */
export const readBinary = (offset: number, le: number): Uint8Array =>
  apdu(Cla.iso, Ins.readBinary, offset >> 8, offset & 0xff, le & 0xff);

export const verifyPin = (pin?: string): Uint8Array =>
  pin === undefined
    ? apdu(Cla.iso, Ins.verify, VERIFY_P1, VERIFY_P2_SELECTED_PIN)
    : apdu(Cla.iso, Ins.verify, VERIFY_P1, VERIFY_P2_SELECTED_PIN, pin.length, Buffer.from(pin, 'ascii'));

export const computeSignature = (data: Uint8Array): Uint8Array =>
  apdu(Cla.proprietary, Ins.computeDigitalSignature, SIGN_P1, SIGN_P2, data.length, data, 0x00);

export const getResponse = (le: number): Uint8Array => apdu(Cla.iso, Ins.getResponse, 0, 0, le & 0xff);

/** The SW of a response as "9000"-style hex, so failures print readably. */
export function swOf(response: Uint8Array): string {
  const sw = statusWordOf(response);
  return sw === undefined ? `<${response.length} bytes>` : swHex(sw);
}

export function dataOf(response: Uint8Array): Uint8Array {
  return response.subarray(0, response.length - 2);
}

/** A powered-on applet holding `credentials` and the PINs 1234 / ABC123, unless `options.state` is given. */
function poweredCard(
  credentials: CardCredentials,
  options: Partial<VirtualJpkiCardOptions> = {},
): { card: VirtualJpkiCard; state: VirtualCardState } {
  const state = options.state ?? createCardState(credentials, { auth: '1234', sign: 'ABC123' });
  const card = new VirtualJpkiCard({ ...options, state });
  card.powerOn();
  return { card, state };
}

/**
 * Fake credentials made once, before the calling file's tests, and a fresh powered card holding
 * them at every call. `credentials()` is for inside a test: the value does not exist before.
 */
export function fakeCardsOfOneFile() {
  let credentials: CardCredentials;
  beforeAll(() => {
    credentials = makeFakeCredentials();
  });
  return {
    credentials: () => credentials,
    newCard: (options: Partial<VirtualJpkiCardOptions> = {}) => poweredCard(credentials, options),
  };
}
