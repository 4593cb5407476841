/**
 * What the card received during one login, split for the floor replay: `prime` (detection,
 * certificate, PIN status — no PIN), then `measured`: the VERIFY that carried the PIN through the
 * SIGN (COMPUTE DIGITAL SIGNATURE). The bytes hold the PIN: in memory only, never printed.
 */
import type { Apdu } from '../e2e/harness/card';
import type { RecordedExchange } from './pcsc-floor';

export interface LoginApdus {
  prime: RecordedExchange[];
  measured: RecordedExchange[];
}

const INS_VERIFY = 0x20;
const CLA_PROPRIETARY = 0x80;
const INS_SIGN = 0x2a;

export function splitLoginApdus(apdus: readonly Apdu[]): LoginApdus {
  const exchanges = apdus.map(({ command, response }) => ({ command, sw: statusWord(response) }));
  const verify = exchanges.findIndex(({ command }) => command[1] === INS_VERIFY && command.length > 5);
  const sign = exchanges.findIndex(
    ({ command }, index) => index > verify && command[0] === CLA_PROPRIETARY && command[1] === INS_SIGN,
  );
  if (verify < 0 || sign < 0) {
    throw new Error(
      'カードが PIN 照合と署名を受けていません / the card did not receive a PIN VERIFY followed by a SIGN',
    );
  }
  // Only a VERIFY the card accepted is replayed: the floor never spends a try.
  if (exchanges[verify]!.sw !== 0x9000) {
    throw new Error(
      `PIN 照合が失敗しています / the login's VERIFY failed (SW ${exchanges[verify]!.sw.toString(16)})`,
    );
  }
  if (exchanges[sign]!.sw !== 0x9000) throw new Error('署名が失敗しています / the login’s SIGN failed');
  return { prime: exchanges.slice(0, verify), measured: exchanges.slice(verify, sign + 1) };
}

function statusWord(response: Uint8Array): number {
  return response.length >= 2 ? (response[response.length - 2]! << 8) | response[response.length - 1]! : -1;
}
