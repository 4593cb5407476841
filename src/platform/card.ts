/**
 * What the SDK needs from the My Number Card, whatever carries it (the native bridge's JSON-RPC on
 * the box, or the driver directly in tests). The SDK computes SHA-256 of the challenge; the card
 * signs that digest (RSASSA-PKCS1-v1_5, the card adds the DigestInfo and padding).
 */
import { base64UrlToBytes, sha256 } from './base64';

export interface AuthCard {
  /** DER of the user-authentication certificate (no PIN needed). */
  readAuthCertificate(): Promise<Uint8Array>;
  /** Signs with the user-authentication key; the card asks for the 4-digit PIN. */
  signWithAuthKey(sha256Digest: Uint8Array): Promise<Uint8Array>;
}

export interface RegistrationCard extends AuthCard {
  /** DER of the signature certificate; the card asks for the signature password. */
  readSignCertificate(): Promise<Uint8Array>;
  /** Signs with the signature key (the signature password). */
  signWithSignKey(sha256Digest: Uint8Array): Promise<Uint8Array>;
}

/** SHA-256 of the challenge's bytes: what the card signs. */
export function challengeDigest(challenge: string): Promise<Uint8Array> {
  return sha256(base64UrlToBytes(challenge));
}
