/** The kit's command line: options, defaults, validation and the help text. */
import path from 'node:path';
import { parseStrictArgs, UsageError } from '../../native-bridge/src/bridge/command-line';
import { CARD_OPERATION_TIMEOUT_MS, DEFAULT_PORT, JSONRPC_PATH } from '../protocol';
import type { ControlMode } from './case';
import { DEFAULT_VPCD, vpcdReaderName, type ConformanceOptions } from './kit';

export const DEFAULT_JUNIT = path.join('.tmp', 'conformance-results.xml');

/**
 * A bridge may take up to CARD_OPERATION_TIMEOUT_MS for a card operation before it answers with a
 * timeout error: the kit waits that long plus room for the link, so a slow card is not a kit timeout.
 */
const DEFAULT_TIMEOUT_MS = CARD_OPERATION_TIMEOUT_MS + 5_000;

export const USAGE = `usage: npm run conformance -- --origin ORIGIN [options] [--virtual-card | --interactive]

  --url URL              the bridge (default ws://127.0.0.1:${DEFAULT_PORT}${JSONRPC_PATH})
  --origin ORIGIN        an Origin on the bridge's allow-list, e.g. http://127.0.0.1:8080
  --token T              the bridge's token (also checks that a missing or wrong one is refused)
  --pin PIN              the test card's auth PIN (4 digits): needed for sign and the PIN-guard cases
  --sign-pin PASSWORD    the test card's signature password: needed for readSignCertificate cases

card-control mode (without one only the cases that need no card change run, and the run fails):
  --virtual-card         the kit is the card: our virtual My Number Card on a vpcd reader
      --vpcd HOST:PORT   where vpcd listens (default ${DEFAULT_VPCD.host}:${DEFAULT_VPCD.port} = "Virtual PCD 00 00")
      --pki DIR          test PKI for the kit's card (default .tmp/conformance-pki)
  --interactive          a technician inserts and removes real test cards when asked (stdin)
      --prompt-timeout-s N  how long to wait for each change (default 180)
  --simulator-controls   the reference bridge's simulator extension (MyNumberCardSimulator.1.*).
                         For our own tests only: a vendor's bridge must not have it (BR-SEC-23).

  --reader NAME          name this reader in every card operation and watch only it
  --foreign-reader NAME  a reader holding a card that is not for the bridge (a B-CAS slot): CK-62
                         checks that a bridge with readerAllowList never serves it
  --foreign-vpcd HOST:PORT  with --virtual-card: the kit also plays such a card in this vpcd reader
                         (e.g. 127.0.0.1:35963 = "Virtual PCD 00 00") and checks it gets no APDU
  --production-image     the box runs the image it ships: CK-63 checks its readers are named and
                         none is a virtual reader driver (so not with --virtual-card)
  --junit FILE           JUnit XML (default ${DEFAULT_JUNIT}); --no-junit to skip
  --only A,B             run only cases whose id or title contains A or B (debugging)
  --timeout-ms N         how long to wait for one answer (default ${DEFAULT_TIMEOUT_MS})
  --list                 print the cases and exit

Exit status 0 only when every case passed (none failed, none skipped); 1 otherwise; 2 bad usage.`;

export type CliCommand = { kind: 'run'; options: ConformanceOptions } | { kind: 'list' } | { kind: 'help' };

const AUTH_PIN = /^[0-9]{4}$/;
const SIGN_PASSWORD = /^[A-Z0-9]{6,16}$/;

export function parseKitArgs(argv: string[]): CliCommand {
  const { values } = parseStrictArgs(argv, {
    options: {
      url: { type: 'string', default: `ws://127.0.0.1:${DEFAULT_PORT}${JSONRPC_PATH}` },
      origin: { type: 'string' },
      token: { type: 'string' },
      pin: { type: 'string' },
      'sign-pin': { type: 'string' },
      'virtual-card': { type: 'boolean', default: false },
      interactive: { type: 'boolean', default: false },
      'simulator-controls': { type: 'boolean', default: false },
      vpcd: { type: 'string' },
      pki: { type: 'string' },
      'prompt-timeout-s': { type: 'string', default: '180' },
      reader: { type: 'string' },
      'foreign-reader': { type: 'string' },
      'foreign-vpcd': { type: 'string' },
      'production-image': { type: 'boolean', default: false },
      junit: { type: 'string', default: DEFAULT_JUNIT },
      'no-junit': { type: 'boolean', default: false },
      only: { type: 'string' },
      'timeout-ms': { type: 'string', default: String(DEFAULT_TIMEOUT_MS) },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return { kind: 'help' };
  if (values.list) return { kind: 'list' };

  const modes = (['virtual-card', 'interactive', 'simulator-controls'] as const).filter(
    (mode) => values[mode],
  );
  if (modes.length > 1)
    throw new UsageError(`choose one card-control mode, not ${modes.map((m) => `--${m}`).join(' and ')}`);
  const mode: ControlMode = modes[0] ?? 'none';
  if (!values.origin || !/^https?:\/\/[^/\s]+$/.test(values.origin)) {
    throw new UsageError(
      '--origin が必要です / --origin http(s)://host[:port] (on the bridge allow-list) is required',
    );
  }
  if (!/^wss?:\/\/[^\s]+$/.test(values.url))
    throw new UsageError(`--url must be ws://host:port/path, got ${values.url}`);
  if (values.pin !== undefined && !AUTH_PIN.test(values.pin))
    throw new UsageError('--pin: the auth PIN is exactly 4 digits');
  if (values['sign-pin'] !== undefined && !SIGN_PASSWORD.test(values['sign-pin'])) {
    throw new UsageError('--sign-pin: the signature password is 6–16 of A–Z and 0–9');
  }
  if (values.token !== undefined && values.token.length === 0)
    throw new UsageError('--token must not be empty');
  if ((values.vpcd || values.pki || values['foreign-vpcd']) && mode !== 'virtual-card')
    throw new UsageError('--vpcd, --pki and --foreign-vpcd go with --virtual-card');
  if (values['production-image'] && mode === 'virtual-card') {
    throw new UsageError(
      '--production-image と --virtual-card は併用できません / --production-image cannot go with ' +
        '--virtual-card: a production image has no vpcd (BR-SEC-60)',
    );
  }
  const foreignVpcd = values['foreign-vpcd'] ? parseHostPort(values['foreign-vpcd']) : undefined;
  const foreignReader =
    values['foreign-reader'] ?? (foreignVpcd ? vpcdReaderName(foreignVpcd.port) : undefined);
  if (foreignVpcd && foreignReader === undefined) {
    throw new UsageError(
      '--foreign-vpcd の読み取り機名を --foreign-reader で指定してください / ' +
        '--foreign-vpcd on a port vpcd does not number: name its reader with --foreign-reader',
    );
  }
  const kitVpcd = values.vpcd ? parseHostPort(values.vpcd) : DEFAULT_VPCD;
  if (foreignVpcd && foreignVpcd.port === kitVpcd.port && foreignVpcd.host === kitVpcd.host) {
    throw new UsageError(
      '--foreign-vpcd は --vpcd と別の読み取り機にしてください / --foreign-vpcd must be another vpcd reader than --vpcd',
    );
  }
  if (foreignReader !== undefined && foreignReader === values.reader) {
    throw new UsageError(
      '--foreign-reader は --reader と別の読み取り機にしてください / --foreign-reader must be another reader than --reader',
    );
  }
  return {
    kind: 'run',
    options: {
      url: values.url,
      origin: values.origin,
      token: values.token,
      authPin: values.pin,
      signPin: values['sign-pin'],
      reader: values.reader,
      mode,
      productionImage: values['production-image'],
      ...(foreignReader === undefined ? {} : { foreignReader }),
      ...(foreignVpcd ? { foreignVpcd } : {}),
      vpcd: values.vpcd ? parseHostPort(values.vpcd) : undefined,
      pkiDir: values.pki ? path.resolve(values.pki) : undefined,
      promptTimeoutMs: positive(values['prompt-timeout-s'], '--prompt-timeout-s') * 1000,
      junitFile: values['no-junit'] ? undefined : values.junit,
      only: values.only
        ?.split(',')
        .map((part) => part.trim())
        .filter(Boolean),
      timeoutMs: positive(values['timeout-ms'], '--timeout-ms'),
    },
  };
}

function positive(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`${name} must be a positive integer, got ${text}`);
  return value;
}

function parseHostPort(text: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(text);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65535) throw new UsageError(`expected HOST:PORT, got "${text}"`);
  return { host: match[1]!, port };
}
