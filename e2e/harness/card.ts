/**
 * The journeys' card: our virtual My Number Card on the vpcd reader "Virtual PCD 00 00" (vsmartcard
 * inside pcscd; the benches pass 00 01), like stb-spec/conformance/virtual-card-control.ts, but with every certificate
 * scenario the app must handle: a valid card (山田 太郎, customer 10010001), an expired one and a
 * revoked one, each issued once by the shared test PKI and kept in .tmp/e2e-cards/ between runs.
 * Every insert starts from full PIN counters (the scenario sets locked / last-try). Every APDU is
 * kept in memory only — VERIFY data is a PIN — for the "third try never spent" checks.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEMO_HOLDERS,
  loadOrCreateTestPki,
  saveTestPki,
  type CardCredentials,
  type TestPki,
} from '../../mocks/pki';
import { prepareCardState } from '../../mocks/virtual-card/card-setup';
import { createScenarioCard, parseScenario } from '../../mocks/virtual-card/scenarios';
import { createCardState, type VirtualCardState } from '../../mocks/virtual-card/state';
import { VpcdCard } from '../../mocks/virtual-card/vpcd-client';

export type CardScenario = 'normal' | 'locked' | 'last-try' | 'expired' | 'revoked' | 'not-my-number-card';

/** The PINs the journeys type (the same as the bridge simulator's defaults). */
export const PINS = { auth: '1234', sign: 'ABC123' } as const;

export const VPCD = { host: '127.0.0.1', port: 35963, reader: 'Virtual PCD 00 00' } as const;

/** Where the card goes in: a vpcd port and the reader pcscd shows for it (benches use 00 01). */
export interface VpcdEndpoint {
  host: string;
  port: number;
  reader: string;
}

const CLA_PROPRIETARY = 0x80;
const INS_VERIFY = 0x20;
const INS_SIGN = 0x2a;

export interface Apdu {
  command: Uint8Array;
  response: Uint8Array;
  /** When the card answered (performance.now() in this process): the benches' card-side times. */
  at: number;
}

export interface InsertOptions {
  /** Pull the card when the first APDU after a successful VERIFY arrives: in the middle of signing. */
  removeDuringSigning?: boolean;
  /** The card's certificates and keys instead of the scenario's (e.g. a card after a move). */
  credentials?: CardCredentials;
}

export class JourneyCard {
  /** Every APDU since the harness started (in memory only). */
  readonly apdus: Apdu[] = [];
  private vpcd: VpcdCard | undefined;
  private current: VirtualCardState | undefined;

  private constructor(
    private readonly credentials: Record<'valid' | 'expired' | 'revoked', CardCredentials>,
    readonly vpcdEndpoint: VpcdEndpoint,
    private readonly pki: TestPki,
    private readonly pkiDir: string,
  ) {}

  /** Issues (or reuses) the three cards; call before the platform loads the PKI's CRLs. */
  static async create(
    pkiDir: string,
    stateDir: string,
    vpcdEndpoint: VpcdEndpoint = VPCD,
  ): Promise<JourneyCard> {
    mkdirSync(stateDir, { recursive: true });
    const pki = await loadOrCreateTestPki(pkiDir);
    const holder = DEMO_HOLDERS[0]!;
    const prepare = async (scenario: 'normal' | 'expired' | 'revoked') =>
      (
        await prepareCardState({
          pki,
          pkiDir,
          scenario: parseScenario(scenario),
          pins: { ...PINS },
          holder,
          stateFile: join(stateDir, `${scenario}.json`),
        })
      ).credentials;
    return new JourneyCard(
      {
        valid: await prepare('normal'),
        expired: await prepare('expired'),
        revoked: await prepare('revoked'),
      },
      vpcdEndpoint,
      pki,
      pkiDir,
    );
  }

  /**
   * A new card for 山田 太郎 at his old address, on no CRL yet. A new one each time: once the holder
   * has moved, its old signature certificate is revoked and can no longer be registered.
   */
  async issueBeforeMove(): Promise<CardCredentials> {
    const card = await this.pki.issueCard(DEMO_HOLDERS[0]!);
    await saveTestPki(this.pki, this.pkiDir);
    return card;
  }

  /**
   * The holder moved to `address`: the card's new signature certificate, the old one revoked with
   * reason affiliationChanged (the PKI directory's CRLs updated; the platform reads them on refresh).
   */
  async moveHolder(card: CardCredentials, address: string): Promise<CardCredentials> {
    const moved = await this.pki.changeHolderInformation(card, { ...card.holder, address });
    await saveTestPki(this.pki, this.pkiDir);
    return moved;
  }

  /** The valid card's credentials (to link it to its customer without the app). */
  get validCredentials(): CardCredentials {
    return this.credentials.valid;
  }

  /** The card's PIN counters now (undefined when no card was inserted). */
  get triesLeft(): { auth: number; sign: number } | undefined {
    return this.current ? { ...this.current.triesLeft } : undefined;
  }

  get inserted(): boolean {
    return this.vpcd?.isConnected ?? false;
  }

  async insert(scenario: CardScenario, options: InsertOptions = {}): Promise<void> {
    await this.remove();
    const credentials =
      options.credentials ??
      (scenario === 'expired'
        ? this.credentials.expired
        : scenario === 'revoked'
          ? this.credentials.revoked
          : this.credentials.valid);
    const state = createCardState(credentials, { ...PINS });
    const card = createScenarioCard(parseScenario(scenario), state);
    const vpcd = new VpcdCard(card, {
      host: this.vpcdEndpoint.host,
      port: this.vpcdEndpoint.port,
      connectAttempts: 3,
    });
    vpcd.on('apdu', (command, response) => {
      this.apdus.push({
        command: new Uint8Array(command),
        response: new Uint8Array(response),
        at: performance.now(),
      });
      const ok = response.length >= 2 && response[response.length - 2] === 0x90;
      if (options.removeDuringSigning && command[1] === INS_VERIFY && command.length > 5 && ok) {
        // The next APDU (the signature key's SELECT or the signature itself) finds no card.
        (vpcd as unknown as { removeAfterApdus: number }).removeAfterApdus = vpcd.apduCount;
      }
    });
    vpcd.on('error', () => undefined); // a reset socket ends in 'removed' anyway
    await vpcd.connect();
    this.vpcd = vpcd;
    this.current = state;
  }

  async remove(): Promise<void> {
    const vpcd = this.vpcd;
    this.vpcd = undefined;
    await vpcd?.disconnect();
  }

  /** VERIFY commands that carried a PIN (a status query has no data), since APDU `from`. */
  pinTries(from = 0): number {
    return this.apdus.slice(from).filter(({ command }) => command[1] === INS_VERIFY && command.length > 5)
      .length;
  }

  /** COMPUTE DIGITAL SIGNATURE commands since APDU `from`. */
  signatures(from = 0): number {
    return this.apdus
      .slice(from)
      .filter(({ command }) => command[0] === CLA_PROPRIETARY && command[1] === INS_SIGN).length;
  }

  async close(): Promise<void> {
    await this.remove();
  }
}
