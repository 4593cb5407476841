/**
 * How the kit changes the card in the reader. Three ways (README "Modes"): the kit is the card
 * (virtual-card-control.ts), a technician swaps real cards (interactive-control.ts), or the
 * reference bridge's simulator extension does it (here). Without a mode nothing can change.
 */
import { GENERIC_CARD_ATR } from '../../mocks/virtual-card/jpki-applet';
import type { CardPaceOptions } from '../../mocks/virtual-card/card-pace';
import type { CardCredentials } from '../../mocks/pki';
import { CaseFailure, skip, type CardSetup, type ControlMode } from './case';
import type { KitClient } from './client';

export type InsertableSetup = Exclude<CardSetup, 'none'>;

export interface InsertOptions {
  /** The card disappears in the middle of the next card operation (for CARD_REMOVED). */
  removeDuringNextOperation?: boolean;
  /** A slow card, or one that hangs on a command (only when the kit is the card). */
  pace?: CardPaceOptions;
  /**
   * The lab's test card with that pace (README "Test cards"): what a technician is asked to insert
   * when the kit cannot be the card itself.
   */
  testCard?: TestCardProfile;
}

/** The two paced test cards of the kit's README: slow inside the time limit, and hanging past it. */
export type TestCardProfile = 'slow' | 'hanging';

/** APDUs the bridge sent to the card the kit plays. Kept in memory only: VERIFY data is a PIN. */
export interface ApduLog {
  readonly count: number;
  since(index: number): Uint8Array[];
}

/** The card's answers held back (the kit is the card): an operation provably in progress. */
export interface CardHold {
  /** Resolves once the bridge has sent the card a command whose answer is being held. */
  readonly reached: Promise<void>;
  /** Lets the held answers (and all later ones) go. */
  release(): void;
}

/** What the kit knows about the cards it inserts, for stricter checks. */
export interface KnownCard {
  credentials?: CardCredentials;
  /** ATR (upper-case hex) of the card that is not a My Number Card. */
  foreignAtr?: string;
}

export interface CardControl {
  readonly mode: ControlMode;
  /** How long the bridge may take to show a change the control made (a person needs longer). */
  readonly changeTimeoutMs: number;
  canProvide(setup: CardSetup, options?: InsertOptions): boolean;
  /** Puts a fresh card of this kind into the (empty) reader. */
  insert(setup: InsertableSetup, options?: InsertOptions): Promise<void>;
  remove(): Promise<void>;
  /** Called once the bridge reports the inserted card. */
  settled?(): Promise<void>;
  readonly apdus?: ApduLog;
  readonly known?: KnownCard;
  /** Holds the card's answers from the next command on (only when the kit is the card). */
  holdAnswers?(): CardHold;
  close(): Promise<void>;
}

/** A connection that is reopened when the bridge dropped it, shared by the stage and the simulator control. */
export interface ControlLink {
  client(): Promise<KitClient>;
}

export const SIMULATOR_CALLSIGN = 'MyNumberCardSimulator.1';

/**
 * The reference bridge's simulator backend, through its extension methods. Not for vendors: a
 * production bridge must not have them (BR-SEC-23).
 */
export class SimulatorControl implements CardControl {
  readonly mode = 'simulator-controls' as const;
  readonly known: KnownCard = { foreignAtr: Buffer.from(GENERIC_CARD_ATR).toString('hex').toUpperCase() };

  constructor(
    private readonly link: ControlLink,
    private readonly onClose: () => void = () => undefined,
    /** The simulator in process shows a change within milliseconds; the kit's own tests wait less. */
    readonly changeTimeoutMs = 10_000,
  ) {}

  canProvide(_setup: CardSetup, options: InsertOptions = {}): boolean {
    return options.pace === undefined;
  }

  async insert(setup: InsertableSetup, options: InsertOptions = {}): Promise<void> {
    // The simulator's detection takes 2 APDUs (SELECT AP, READ BINARY of the token EF by short EF
    // id); removal after 3 lets the operation's first APDU through and pulls the card at its second.
    const scenario = options.removeDuringNextOperation ? `${setup},removal-after-3` : setup;
    await this.control('insertCard', { scenario });
  }

  async remove(): Promise<void> {
    await this.control('removeCard');
  }

  async close(): Promise<void> {
    this.onClose();
  }

  private async control(method: string, params?: unknown): Promise<void> {
    const client = await this.link.client();
    const reply = await client.call(`${SIMULATOR_CALLSIGN}.${method}`, params);
    if (reply.kind === 'error') {
      if (reply.error.code === -32601) skip('the bridge has no simulator extension (--simulator-controls)');
      throw new CaseFailure(`${SIMULATOR_CALLSIGN}.${method} failed: ${reply.error.message}`);
    }
  }
}

/** No mode: the card stays as it is; cases that need another card are skipped. */
export class NoControl implements CardControl {
  readonly mode = 'none' as const;
  readonly changeTimeoutMs = 0;

  canProvide(): boolean {
    return false;
  }

  async insert(): Promise<void> {
    skip('needs a card-control mode (--virtual-card or --interactive)');
  }

  async remove(): Promise<void> {
    skip('needs a card-control mode (--virtual-card or --interactive)');
  }

  async close(): Promise<void> {}
}
