/**
 * The reference bridge on the simulator backend, started fresh for every test with a raw client
 * connected once the card has settled, and the small readings its end-to-end tests share. The PKI
 * is issued once per file: issuing keys is the slow part, and no test changes it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawClient, startTestBridge, type TestBridge } from '../../../../mocks/dev-bridge/test-bridge';

type BridgeOptions = Omit<NonNullable<Parameters<typeof startTestBridge>[0]>, 'pkiDir'>;

/** What the running test talks to; read inside a test, never at the top of a file. */
export interface BridgeFixture {
  readonly bridge: TestBridge;
  readonly client: RawClient;
  /** The file's PKI, for a second bridge a test starts itself. */
  readonly pkiDir: string;
}

/** Registers the set-up and tear-down hooks of the calling test file. */
export function bridgePerTest(pkiPrefix: string, options: BridgeOptions = {}): BridgeFixture {
  let pkiDir: string;
  let bridge: TestBridge | undefined;
  let client: RawClient | undefined;
  beforeAll(() => {
    pkiDir = mkdtempSync(join(tmpdir(), pkiPrefix));
  });
  beforeEach(async () => {
    bridge = await startTestBridge({ ...options, pkiDir });
    await bridge.cards.settled();
    client = await RawClient.connect(bridge.url);
  });
  afterEach(async () => {
    client?.close();
    await bridge?.close();
  });
  return {
    get bridge() {
      return bridge!;
    },
    get client() {
      return client!;
    },
    get pkiDir() {
      return pkiDir;
    },
  };
}

/** The base64 SHA-256 of "c": the digest every signing test sends. */
const DIGEST_OF_C = createHash('sha256').update('c').digest().toString('base64');

/** sign's parameters with the auth key over DIGEST_OF_C; `extra` adds or overrides. */
export const signParams = (pin: string, extra: object = {}) => ({
  key: 'auth',
  pin,
  hash: 'SHA-256',
  digest: DIGEST_OF_C,
  ...extra,
});

export const errorOf = <Data = unknown>(response: Record<string, unknown>) =>
  response.error as { code: number; message: string; data?: Data };

/** APDUs the simulated card has answered: "the card was not touched" is this staying the same. */
export const cardApdus = (bridge: TestBridge) =>
  (bridge.simulator.transport(bridge.simulator.readers()[0]!.name) as unknown as { apduCount: number })
    .apduCount;

/** The auth PIN's tries left, as the bridge reports them. */
export const authTries = async (client: RawClient) =>
  ((await client.call('getPinStatus', { pin: 'auth' })).result as { triesLeft: number }).triesLeft;
