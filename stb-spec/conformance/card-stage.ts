/**
 * Puts the card each case needs into the reader and waits until the bridge reports it, whatever
 * the mode. The bridge's getStatus is the only truth the kit trusts: a change counts once the
 * bridge shows it (which is also how the kit measures how fast the bridge notices).
 */
import { checkResult, type Status } from '../protocol';
import { CaseFailure, skip, type CardSetup } from './case';
import type { CardControl, ControlLink, InsertOptions, InsertableSetup } from './card-control';

/** 'checking': a card is in and the bridge is still classifying it (it then becomes one of the others). */
export type ReaderState = 'absent' | 'checking' | 'present' | 'unsupported' | 'mute';

/** After the technician pressed Enter, the bridge has this long to show the change. */
const CONFIRMED_GRACE_MS = 10_000;
const POLL_MS = 100;

const EXPECTED: Record<CardSetup, ReaderState> = {
  normal: 'present',
  'last-try': 'present',
  locked: 'present',
  'faulty-sign': 'present',
  'not-my-number-card': 'unsupported',
  none: 'absent',
};

/** Setups a person or a static reader can be recognised in from getStatus alone. */
const RECOGNISABLE = new Set<CardSetup>(['normal', 'not-my-number-card', 'none']);

export class CardStage {
  private current: CardSetup | 'unknown' = 'unknown';

  constructor(
    readonly control: CardControl,
    private readonly link: ControlLink,
    /** --reader: the only reader the kit looks at. */
    private readonly reader: string | undefined,
    /** The reader the control's card goes into when known (vpcd's), used when it is listed. */
    private readonly watchedReader?: string,
  ) {}

  canProvide(setup: CardSetup, options?: InsertOptions): boolean {
    return this.control.canProvide(setup, options);
  }

  /** The case starts with a fresh card of this kind (or none); skips when the mode cannot do that. */
  async ensure(setup: CardSetup): Promise<void> {
    if (this.current === setup) return;
    if (this.control.mode === 'none' || this.control.mode === 'interactive') {
      const status = await this.status();
      if (RECOGNISABLE.has(setup) && this.stateIn(status) === EXPECTED[setup]) {
        this.current = setup;
        return;
      }
    }
    if (!this.control.canProvide(setup)) {
      skip(
        `needs a ${setup === 'none' ? 'empty reader' : `"${setup}" card`}, which ${this.modeName()} cannot provide`,
      );
    }
    if (setup === 'none') await this.remove();
    else await this.insert(setup);
  }

  /** Removes the card; resolves with the ms until the bridge showed the reader empty. */
  async remove(): Promise<number> {
    this.current = 'unknown';
    // Nobody is asked to remove a card that is not there.
    if (this.control.mode === 'interactive' && this.stateIn(await this.status()) === 'absent') {
      this.current = 'none';
      return 0;
    }
    const ms = await this.change(() => this.control.remove(), 'absent', 'the card to be removed');
    this.current = 'none';
    return ms;
  }

  /** Inserts a fresh card (after removing any); resolves with the ms until the bridge showed it. */
  async insert(setup: InsertableSetup, options: InsertOptions = {}): Promise<number> {
    if (this.current !== 'none') await this.remove();
    this.current = 'unknown';
    const ms = await this.change(
      () => this.control.insert(setup, options),
      EXPECTED[setup],
      `the ${setup} card to be reported as ${EXPECTED[setup]}`,
    );
    await this.control.settled?.();
    if (!options.removeDuringNextOperation) this.current = setup;
    return ms;
  }

  /** The card may no longer be what the stage believes (a case failed, or pulled it): start over. */
  invalidate(): void {
    this.current = 'unknown';
  }

  async status(): Promise<Status> {
    const client = await this.link.client();
    const reply = await client.call('getStatus');
    if (reply.kind === 'error')
      throw new CaseFailure(`getStatus failed: ${reply.error.code} ${reply.error.message}`);
    const problem = checkResult('getStatus', reply.result);
    if (problem) throw new CaseFailure(`getStatus answered something that is not a Status: ${problem}`);
    const status = reply.result as Status;
    if (this.reader && !status.readers.some((r) => r.name === this.reader)) {
      const names = status.readers.map((r) => r.name).join(', ') || 'none';
      throw new CaseFailure(`--reader "${this.reader}" is not among the bridge's readers (${names})`);
    }
    return status;
  }

  /** The card state of the reader the kit looks at (--reader, the vpcd reader, or all readers together). */
  stateIn(status: Status): ReaderState {
    const readers = readersOf(status);
    const focus = this.focusReader(status);
    const focused = focus === undefined ? undefined : readers.find((r) => r.name === focus);
    if (focused) return focused.card;
    const cards = readers.map((r) => r.card);
    for (const state of ['present', 'unsupported', 'mute', 'checking'] as const)
      if (cards.includes(state)) return state;
    return 'absent';
  }

  /** The reader holding the kit's card: the focus reader, or the first with a My Number card. */
  async cardReader(): Promise<string | undefined> {
    const status = await this.status();
    return this.focusReader(status) ?? readersOf(status).find((r) => r.card === 'present')?.name;
  }

  focusReader(status: Status): string | undefined {
    if (this.reader) return this.reader;
    if (this.watchedReader && readersOf(status).some((r) => r.name === this.watchedReader))
      return this.watchedReader;
    return undefined;
  }

  /** Runs a control action and polls getStatus until the bridge shows `expected`. */
  private async change(action: () => Promise<void>, expected: ReaderState, what: string): Promise<number> {
    const started = performance.now();
    let deadline = Date.now() + (this.control.changeTimeoutMs || 1);
    let actionError: unknown;
    let acted = false;
    let actedAt = 0;
    action().then(
      () => {
        acted = true;
        actedAt = Date.now();
        deadline = Math.min(deadline, actedAt + CONFIRMED_GRACE_MS);
      },
      (error: unknown) => (actionError = error),
    );
    for (;;) {
      if (actionError) throw actionError;
      // Interactive: wait for the person; the others: for the action to be done before polling.
      if (acted || this.control.mode === 'interactive') {
        const status = await this.status();
        if (this.matches(status, expected)) return Math.round(performance.now() - started);
      }
      if (Date.now() > deadline) {
        if (this.control.mode === 'interactive')
          skip(`timed out waiting for ${what} (no change seen by the bridge)`);
        // Whose delay it was: the bridge's, or the card control's own (a card not yet put in).
        const control = acted
          ? `the change was made ${Date.now() - actedAt} ms before`
          : 'the change itself had not finished';
        throw new CaseFailure(
          `the bridge did not report ${what} within ${this.control.changeTimeoutMs} ms ` +
            `(${control}; getStatus: ${JSON.stringify(await this.status())})`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private matches(status: Status, expected: ReaderState): boolean {
    if (this.stateIn(status) !== expected) return false;
    const anyPresent = readersOf(status).some((r) => r.card === 'present');
    // The token names a My Number Card anywhere (BR-MTH-21): it must agree with the readers.
    return anyPresent === (status.token === 'JPKIAPICCTOKEN2');
  }

  private modeName(): string {
    return this.control.mode === 'none' ? 'a run without a card-control mode' : `--${this.control.mode}`;
  }
}

/** Notifications are checked against the Status schema elsewhere; here a broken one must not throw. */
function readersOf(status: Status): Status['readers'] {
  return Array.isArray(status?.readers) ? status.readers : [];
}
