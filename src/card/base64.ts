/**
 * A small base64 codec over atob/btoa: the client runs in WPE WebKit, where Node's Buffer does not
 * exist. Decoding is strict, so a mangled certificate or signature from the bridge is noticed here.
 */

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: spreading a large array into fromCharCode can overflow the stack on older engines.
  for (let offset = 0; offset < bytes.length; offset += 0x4000) {
    binary += String.fromCharCode.apply(null, Array.from(bytes.subarray(offset, offset + 0x4000)));
  }
  return btoa(binary);
}

/** Throws SyntaxError on anything but padded standard base64 (atob alone skips whitespace). */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new SyntaxError('not base64');
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
