/** Total length of a DER TLV from its first bytes, so a certificate EF is read exactly to its end. */
import { CardDataError } from './errors';

const SEQUENCE_TAG = 0x30;
/** Certificates never need more than three length octets (16 MiB). */
const MAX_LENGTH_OCTETS = 3;

export function derSequenceTotalLength(head: Uint8Array): number {
  if (head.length < 2 || head[0] !== SEQUENCE_TAG) {
    throw new CardDataError('the EF holds no DER certificate (no SEQUENCE at offset 0)');
  }
  const first = head[1]!;
  if (first < 0x80) return 2 + first;
  const octets = first & 0x7f;
  if (octets === 0 || octets > MAX_LENGTH_OCTETS) {
    throw new CardDataError(`unsupported DER length form 0x${first.toString(16)}`);
  }
  if (head.length < 2 + octets) throw new CardDataError('DER header truncated');
  let length = 0;
  for (let i = 0; i < octets; i++) length = (length << 8) | head[2 + i]!;
  return 2 + octets + length;
}
