/**
 * What the bridge sent the card during the whole run, seen from the card's side (only when the kit
 * is the card): nothing but the commands of spec §5.2 — the JPKI AP and its EFs, short APDUs. This
 * is how the kit shows that no card-info AP and no individual number (個人番号) was ever asked for.
 */
import { check, fail, type ConformanceCase } from '../case';

const JPKI_SELECT = Buffer.from('00a4040c0ad392f000260100000001', 'hex');
/** The JPKI AP's EFs (spec §5.1). */
const JPKI_EFS = new Set([0x0001, 0x0002, 0x0006, 0x000a, 0x000b, 0x0017, 0x0018, 0x001a, 0x001b]);
const header = (apdu: Uint8Array) => Buffer.from(apdu.subarray(0, 4)).toString('hex').toUpperCase();

/** Why an APDU is not one of §5.2's, or undefined when it is. Never reports data (a VERIFY holds a PIN). */
export function whyNotAllowed(apdu: Uint8Array): string | undefined {
  const [cla, ins, p1, p2] = apdu;
  const lc = apdu[4];
  if (cla === 0x00 && ins === 0xa4) {
    if (Buffer.from(apdu).equals(JPKI_SELECT)) return undefined;
    if (
      p1 === 0x02 &&
      p2 === 0x0c &&
      lc === 2 &&
      apdu.length === 7 &&
      JPKI_EFS.has((apdu[5]! << 8) | apdu[6]!)
    ) {
      return undefined;
    }
    return p1 === 0x04 ? 'SELECT of an application other than the JPKI AP' : 'a SELECT outside spec §5.2';
  }
  if (cla === 0x00 && ins === 0xb0 && apdu.length === 5) {
    return p1! & 0x80 && !JPKI_EFS.has(p1! & 0x1f) ? 'READ BINARY of an EF outside the JPKI AP' : undefined;
  }
  if (cla === 0x00 && ins === 0xc0 && p1 === 0 && p2 === 0 && apdu.length === 5) return undefined;
  if (cla === 0x00 && ins === 0x20 && p1 === 0x00 && p2 === 0x80) {
    if (apdu.length === 4) return undefined; // tries query
    const pinLength = apdu.length - 5;
    return lc === pinLength && pinLength >= 4 && pinLength <= 16
      ? undefined
      : 'a VERIFY of an unexpected shape';
  }
  if (cla === 0x80 && ins === 0x2a && p1 === 0x00 && p2 === 0x80 && lc === 0x33 && apdu.length === 57)
    return undefined;
  return 'a command outside spec §5.2 (or not a short APDU)';
}

export const privacyCases: ConformanceCase[] = [
  {
    id: 'CK-48',
    title: 'every APDU of the run was one of spec §5.2: only the JPKI AP, never a card-info AP or 個人番号',
    area: 'privacy',
    needs: { apduLog: true },
    optionalIn: true,
    async run(ctx) {
      const apdus = ctx.apdus!.since(0);
      check(apdus.length > 0, 'the card saw no APDU during the whole run');
      for (const apdu of apdus) {
        const why = whyNotAllowed(apdu);
        if (why) fail(`${why}: APDU header ${header(apdu)}, ${apdu.length} bytes (BR-CARD-11)`);
      }
      ctx.note(`${apdus.length} APDUs checked`);
    },
  },
];
