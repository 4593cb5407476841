/**
 * The 本人同意 of an address change, as the card signs it and the platform checks it: the same
 * bytes on both sides, so both build them here. One line each for the consent challenge, the new
 * address (NFC) and the chosen services (sorted, so their order on screen does not matter).
 */
import { sha256 } from './base64';

export interface AddressChangeConsent {
  challenge: string;
  newAddress: string;
  services: readonly string[];
}

const HEADER = 'madoguchi address-change consent v1';

/** The UTF-8 bytes the viewer agrees to. */
export function addressChangeConsentMessage(consent: AddressChangeConsent): Uint8Array {
  const lines = [
    HEADER,
    `challenge: ${consent.challenge}`,
    `newAddress: ${consent.newAddress.normalize('NFC')}`,
    `services: ${[...consent.services].sort().join(',')}`,
  ];
  return new TextEncoder().encode(lines.join('\n'));
}

/** What the card signs with the signature key: SHA-256 of the consent message. */
export function addressChangeConsentDigest(consent: AddressChangeConsent): Promise<Uint8Array> {
  return sha256(addressChangeConsentMessage(consent));
}
