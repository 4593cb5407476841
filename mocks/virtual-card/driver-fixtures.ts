/**
 * Test fixtures for the bridge's driver, kept in the development kit so the production bridge imports
 * none of it: a virtual card on the in-process transport, a transport that rewrites answers, and the
 * relying party's check of a signature.
 */
import { createHash, verify, X509Certificate } from 'node:crypto';
import { createTestPki, DEMO_HOLDERS, type CardCredentials } from '../pki';
import { VirtualJpkiCard, type VirtualJpkiCardOptions } from './jpki-applet';
import { createCardState } from './state';
import { VirtualCardTransport } from './in-process-transport';
import type { ApduTransport } from '../../native-bridge/src/transport/apdu-transport';

export const AUTH_PIN = '1234';
export const SIGN_PASSWORD = 'ABC123';

/** Real certificates from the test PKI; made once per test file (RSA key generation is slow). */
export async function issueTestCredentials(): Promise<CardCredentials> {
  const pki = await createTestPki();
  return pki.issueCard(DEMO_HOLDERS[0]!);
}

export type VirtualCardOptions = Omit<VirtualJpkiCardOptions, 'state'> & {
  triesLeft?: { auth?: number; sign?: number };
  reportEpoch?: boolean;
};

export function virtualCard(
  credentials: CardCredentials,
  options: VirtualCardOptions = {},
): { card: VirtualJpkiCard; transport: VirtualCardTransport } {
  const { triesLeft, reportEpoch = true, ...cardOptions } = options;
  const state = createCardState(credentials, { auth: AUTH_PIN, sign: SIGN_PASSWORD });
  Object.assign(state.triesLeft, triesLeft);
  const card = new VirtualJpkiCard({ ...cardOptions, state });
  return { card, transport: new VirtualCardTransport(card, { keepLog: true, reportEpoch }) };
}

/**
 * For a test file that needs cards but never their certificates: issues the credentials once,
 * before its tests, and makes a fresh virtual card holding them at every call.
 */
export function virtualCardsOfOneIssue(): (options?: VirtualCardOptions) => ReturnType<typeof virtualCard> {
  const issued = credentialsOfOneIssue();
  return (options) => virtualCard(issued(), options);
}

/** For a test file that reads the card's certificates: issued once, before its tests; read inside one. */
export function credentialsOfOneIssue(): () => CardCredentials {
  let credentials: CardCredentials;
  beforeAll(async () => {
    credentials = await issueTestCredentials();
  });
  return () => credentials;
}

/** Passes APDUs through, but lets a test replace the answer to chosen commands. */
export class RewritingTransport implements ApduTransport {
  sent: Uint8Array[] = [];
  constructor(
    private readonly inner: ApduTransport,
    private readonly rewrite: (command: Uint8Array, response: Uint8Array) => Uint8Array | undefined,
  ) {}
  get epoch(): number | undefined {
    return this.inner.epoch;
  }
  async transmit(command: Uint8Array): Promise<Uint8Array> {
    this.sent.push(command);
    const response = await this.inner.transmit(command);
    return this.rewrite(command, response) ?? response;
  }
  exclusive<T>(operation: () => Promise<T>): Promise<T> {
    return this.inner.exclusive(operation);
  }
}

export const sw = (value: number): Uint8Array => Uint8Array.of(value >> 8, value & 0xff);
export const insOf = (command: Uint8Array): number => command[1]!;
/** VERIFY commands that carried a PIN (a status query is the bare 4-byte header), from a card log. */
export const pinVerifications = (log: { command: string }[]): string[] =>
  log.map((entry) => entry.command).filter((hex) => hex.startsWith('00200080') && hex.length > 8);

export const digestOf = (text: string): Buffer => createHash('sha256').update(text).digest();

/** What a relying party checks: the signature verifies with the certificate's public key. */
export function signatureVerifies(certificate: Uint8Array, message: string, signature: Uint8Array): boolean {
  const publicKey = new X509Certificate(Buffer.from(certificate)).publicKey;
  return verify('sha256', Buffer.from(message), publicKey, signature);
}
