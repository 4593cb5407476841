/**
 * `npm run virtual-card -- --foreign-card [--vpcd HOST:PORT] [--trace]`: the foreign card (a B-CAS
 * stand-in, foreign-card.ts) in a vpcd reader, by default the second one ("Virtual PCD 00 01", port
 * 35964), next to the My Number card in the first. A bridge that serves only the My Number reader
 * never sends it anything: on exit it says how many APDUs it received (expected: 0).
 */
import { parsedOrUsage, parseStrictArgs } from '../../native-bridge/src/bridge/command-line';
import { ForeignCard } from './foreign-card';
import { swHex, statusWordOf } from './status-words';
import { parseVpcdAddress, VPCD_DEFAULT_HOST, VPCD_DEFAULT_PORT, VpcdCard } from './vpcd-client';

/** The foreign card goes into vpcd's second reader unless told otherwise. */
export const FOREIGN_VPCD_PORT = VPCD_DEFAULT_PORT + 1;

export const FOREIGN_USAGE = `usage: npm run virtual-card -- --foreign-card [--vpcd HOST:PORT] [--trace]
  --foreign-card        a card that is not a My Number Card (a B-CAS stand-in): SELECT answers 6A82
  --vpcd HOST:PORT      vpcd to connect to (default ${VPCD_DEFAULT_HOST}:${FOREIGN_VPCD_PORT} = "Virtual PCD 00 01")
  --trace               one line per APDU received on stderr (INS and status word)`;

export interface ForeignCliOptions {
  host: string;
  port: number;
  trace: boolean;
}

export function parseForeignArgs(argv: string[]): ForeignCliOptions {
  const { values } = parseStrictArgs(
    argv,
    {
      options: {
        'foreign-card': { type: 'boolean' },
        vpcd: { type: 'string', default: `${VPCD_DEFAULT_HOST}:${FOREIGN_VPCD_PORT}` },
        trace: { type: 'boolean', default: false },
      },
    },
    ' (--foreign-card は --vpcd と --trace のみ / --foreign-card takes only --vpcd and --trace)',
  );
  const [host, port] = parseVpcdAddress(values.vpcd);
  return { host, port, trace: values.trace };
}

/** Runs the foreign card on vpcd until SIGINT/SIGTERM; resolves with the exit code. */
export async function runForeignCard(argv: string[]): Promise<number> {
  const parsed = parsedOrUsage(() => parseForeignArgs(argv), FOREIGN_USAGE);
  if (!parsed.ok) return parsed.exitCode;
  const options = parsed.value;
  const note = (message: string): void => console.error(`virtual-card: ${message}`);
  const card = new ForeignCard();
  const vpcd = new VpcdCard(card, { host: options.host, port: options.port });
  if (options.trace) {
    vpcd.on('apdu', (command, response) => {
      const sw = statusWordOf(response);
      note(`foreign card: INS ${swHex(command[1] ?? 0).slice(2)} → ${sw === undefined ? '?' : swHex(sw)}`);
    });
  }
  const done = new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      note(`${signal}: removing the foreign card; it received ${card.received.length} APDU(s)`);
      void vpcd.disconnect().then(() => resolve(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await vpcd.connect();
  console.log(`foreign card inserted into vpcd at ${options.host}:${options.port}`);
  return done;
}
