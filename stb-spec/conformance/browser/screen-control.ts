/**
 * The technician's card changes on the box's own screen: a large prompt in Japanese and English,
 * also spoken, confirmed with the remote's OK key (Enter). As with the Node kit's --interactive,
 * the kit goes on as soon as the bridge reports the change, or within 10 s of OK. What a person can
 * do with cards is asked for: a My Number test card, a card that is not one, no card, and the lab's
 * slow and hanging test cards (../README.md "Test cards") — for those the BACK key answers "I have
 * no such card", and the case is reported as not run.
 */
import { NotRun, type CardSetup } from '../case';
import type { CardControl, InsertOptions, InsertableSetup, TestCardProfile } from '../card-control';

/** What a prompt asks for: a kind of card (or none), or one of the lab's paced test cards. */
export type PromptKind = CardSetup | TestCardProfile;

export interface Prompt {
  /** Counts up with every prompt, so a reader (or a test) can tell a new prompt from the last one. */
  seq: number;
  setup: PromptKind;
  ja: string;
  en: string;
  /** The technician may answer "no such card" with the BACK key. */
  declinable: boolean;
}

const PROMPTS: Partial<Record<PromptKind, { ja: string; en: string }>> = {
  normal: {
    ja: 'テスト用マイナンバーカードを挿入してください',
    en: 'Insert the My Number TEST card',
  },
  'not-my-number-card': {
    ja: 'マイナンバーカードではないICカード（キャッシュカード等）を挿入してください',
    en: 'Insert a contact IC card that is NOT a My Number Card (e.g. a bank card)',
  },
  none: { ja: 'カードを抜いてください', en: 'Remove the card from the reader' },
  slow: {
    ja: '遅いテスト用カード（応答 0.3 秒、署名 10 秒）を挿入してください',
    en: 'Insert the SLOW test card (answers in 0.3 s, signs in 10 s)',
  },
  hanging: {
    ja: '応答しないテスト用カード（署名に 22.5 秒応答しない）を挿入してください',
    en: 'Insert the HANGING test card (holds its signature for 22.5 s)',
  },
};

/** An OK pressed sooner than this after a prompt appeared was meant for the prompt before it. */
const READ_TIME_MS = 1_000;

export interface PromptDisplay {
  show(prompt: Prompt, timeoutMs: number): void;
  hide(): void;
}

export class ScreenControl implements CardControl {
  readonly mode = 'interactive' as const;
  private seq = 0;
  private shownAt = 0;
  private waiting: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private declinable = false;

  constructor(
    private readonly display: PromptDisplay,
    readonly changeTimeoutMs: number,
  ) {}

  /**
   * A plain card, or a My Number card that is one of the lab's test cards; a timed removal, a
   * locked or faulty card are the virtual card's job.
   */
  canProvide(setup: CardSetup, options: InsertOptions = {}): boolean {
    if (options.testCard) return setup === 'normal' && !options.removeDuringNextOperation;
    return PROMPTS[setup] !== undefined && !Object.values(options).some((value) => value);
  }

  insert(setup: InsertableSetup, options: InsertOptions = {}): Promise<void> {
    return this.ask(options.testCard ?? setup);
  }

  remove(): Promise<void> {
    return this.ask('none');
  }

  /** The bridge reports the inserted card: the prompt is done. */
  async settled(): Promise<void> {
    this.dismiss();
  }

  /** The OK key. */
  confirm(): void {
    if (!this.waiting || performance.now() - this.shownAt < READ_TIME_MS) return;
    const { resolve } = this.waiting;
    this.dismiss();
    resolve();
  }

  /** The BACK key: "I have no such test card" (only where the prompt offers it). */
  decline(): void {
    if (!this.waiting || !this.declinable || performance.now() - this.shownAt < READ_TIME_MS) return;
    const { reject } = this.waiting;
    this.dismiss();
    reject(new NotRun('テスト用カードがありません / the technician has no such test card: not run'));
  }

  /** The prompt leaves the screen (the change was seen, or the kit moved on). */
  dismiss(): void {
    this.waiting = undefined;
    this.declinable = false;
    this.display.hide();
  }

  async close(): Promise<void> {
    this.dismiss();
  }

  private ask(setup: PromptKind): Promise<void> {
    const text = PROMPTS[setup]!;
    const declinable = setup === 'slow' || setup === 'hanging';
    this.seq += 1;
    this.shownAt = performance.now();
    this.display.show({ seq: this.seq, setup, declinable, ...text }, this.changeTimeoutMs);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.declinable = declinable;
    });
  }
}
