/**
 * What the `jpki` scope adds to the ID token, as the app publishes it to relying parties: the card's
 * authentication certificate (base64 DER) and the card's signature over the request's nonce
 * (base64, RSASSA-PKCS1-v1_5 / SHA-256 over the nonce's base64url-decoded bytes).
 */
export const JPKI_CLAIM = {
  certificate: 'jpki_auth_certificate',
  signature: 'jpki_auth_signature',
} as const;
