/**
 * --virtual-card: the kit itself is the card. It runs our virtual My Number Card on a vpcd reader
 * (vsmartcard inside pcscd), so it can insert any scenario, always starts from full PIN counters
 * (no test card is ever at risk), pulls the card in the middle of an operation, and sees every APDU
 * the bridge sends (for the privacy and PIN-guard checks).
 */
import { DEMO_HOLDERS, loadOrCreateTestPki, type CardCredentials } from '../../mocks/pki';
import { GENERIC_CARD_ATR } from '../../mocks/virtual-card/jpki-applet';
import { createScenarioCard, parseScenario } from '../../mocks/virtual-card/scenarios';
import { CardPace } from '../../mocks/virtual-card/card-pace';
import { createCardState } from '../../mocks/virtual-card/state';
import { VpcdCard, VpcdControl } from '../../mocks/virtual-card/vpcd-client';
import type {
  ApduLog,
  CardControl,
  CardHold,
  InsertOptions,
  InsertableSetup,
  KnownCard,
} from './card-control';

export interface VirtualCardControlOptions {
  host: string;
  port: number;
  pins: { auth: string; sign: string };
  /** Test PKI that issues the kit's card (created on first use). */
  pkiDir: string;
}

/** APDUs a bridge spends classifying a card, when the kit has not measured it yet (the reference's). */
const DEFAULT_DETECTION_APDUS = 2;
/** The bridge has finished with a new card when no APDU came for this long. */
const QUIET_MS = 300;
const QUIET_LIMIT_MS = 5_000;
/**
 * The card is pulled only once the bridge has left it alone this long (at most REMOVAL_QUIET_LIMIT_MS).
 * A bridge resets the card after PIN work; pcsc-lite, when a card leaves during that reset, can
 * record it as present-but-mute after its own poll already saw it go, and then says "mute" until the
 * next insertion. A person never pulls a card within milliseconds of an answer; the kit should not
 * either, or it fails a bridge for pcscd's race.
 */
const REMOVAL_QUIET_MS = 250;
const REMOVAL_QUIET_LIMIT_MS = 3_000;

/** Waits until nothing happened for `quietMs` (counted from `from` at the earliest), at most `limitMs`. */
async function untilQuiet(lastAt: () => number, quietMs: number, limitMs: number, from = 0): Promise<void> {
  const started = Date.now();
  while (Date.now() - Math.max(lastAt(), from) < quietMs && Date.now() - started < limitMs)
    await new Promise((resolve) => setTimeout(resolve, 25));
}

export class VirtualCardControl implements CardControl {
  readonly mode = 'virtual-card' as const;
  readonly changeTimeoutMs = 10_000;
  readonly known: KnownCard;
  private readonly commands: Uint8Array[] = [];
  private card: VpcdCard | undefined;
  private insertedSetup: { setup: InsertableSetup; removal: boolean } | undefined;
  private detectionApdus: number | undefined;
  /** When the bridge last sent the card an APDU. */
  private lastApduAt = 0;
  /** When the bridge last sent the card an APDU, a reset or a power change (not vpcd's ATR polls). */
  private lastCardWorkAt = 0;

  private constructor(
    private readonly options: VirtualCardControlOptions,
    credentials: CardCredentials,
  ) {
    this.known = {
      credentials,
      foreignAtr: Buffer.from(GENERIC_CARD_ATR).toString('hex').toUpperCase(),
    };
  }

  /** Issues the kit's card once (RSA key generation takes about half a second). */
  static async create(options: VirtualCardControlOptions): Promise<VirtualCardControl> {
    const pki = await loadOrCreateTestPki(options.pkiDir);
    const credentials = await pki.issueCard(DEMO_HOLDERS[0]!);
    return new VirtualCardControl(options, credentials);
  }

  get apdus(): ApduLog {
    const commands = this.commands;
    return {
      get count() {
        return commands.length;
      },
      since: (index: number) => commands.slice(index),
    };
  }

  canProvide(): boolean {
    return true;
  }

  async insert(setup: InsertableSetup, options: InsertOptions = {}): Promise<void> {
    await this.remove();
    // Same identity every time, fresh counters: the scenario sets them (locked 0, last-try 1).
    const state = createCardState(this.known.credentials!, this.options.pins);
    const card = createScenarioCard(parseScenario(setup), state);
    // Pull the card at the operation's third APDU: after the bridge's own detection APDUs.
    const removeAfterApdus = options.removeDuringNextOperation
      ? (this.detectionApdus ?? DEFAULT_DETECTION_APDUS) + 2
      : undefined;
    const vpcd = new VpcdCard(card, {
      host: this.options.host,
      port: this.options.port,
      removeAfterApdus,
      pace: options.pace ? new CardPace(options.pace) : undefined,
      connectAttempts: 3,
    });
    vpcd.on('apdu', (command) => {
      this.commands.push(new Uint8Array(command));
      this.lastApduAt = this.lastCardWorkAt = Date.now();
    });
    vpcd.on('control', (code) => {
      if (code !== VpcdControl.getAtr) this.lastCardWorkAt = Date.now();
    });
    vpcd.on('error', () => undefined); // a reset socket ends in 'removed' anyway
    await vpcd.connect();
    this.card = vpcd;
    this.insertedSetup = { setup, removal: removeAfterApdus !== undefined };
  }

  async remove(): Promise<void> {
    const card = this.card;
    this.card = undefined;
    this.insertedSetup = undefined;
    if (!card) return;
    await untilQuiet(() => this.lastCardWorkAt, REMOVAL_QUIET_MS, REMOVAL_QUIET_LIMIT_MS);
    await card.disconnect();
  }

  /** Measures the bridge's detection APDUs on a My Number card, so a later removal lands mid-operation. */
  async settled(): Promise<void> {
    const card = this.card;
    const inserted = this.insertedSetup;
    if (!card || !inserted || inserted.removal || inserted.setup === 'not-my-number-card') return;
    // Counted from now: the bridge may not have noticed the card yet.
    await untilQuiet(() => this.lastApduAt, QUIET_MS, QUIET_LIMIT_MS, Date.now());
    this.detectionApdus ??= card.apduCount;
  }

  /** Holds the card's answers to the bridge's APDUs, so its operation stays in progress as long as the kit needs. */
  holdAnswers(): CardHold {
    if (!this.card?.isConnected) throw new Error('no card in the reader to hold');
    return this.card.holdApduAnswers();
  }

  async close(): Promise<void> {
    await this.remove();
  }
}
