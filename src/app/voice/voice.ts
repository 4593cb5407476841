/**
 * What the shell speaks, as a queue of sentences: the screen's announcement, then the focused item.
 *
 * - The sentence being spoken always finishes: a focus move never cuts a viewer off mid-sentence.
 * - Stale focus announcements are dropped: what waits behind the current sentence is replaced by the
 *   newest focus text (after a short debounce, so a fast run of arrow presses speaks only the last).
 * - A new screen, or Green (repeat), interrupts at once and starts again from the screen's text.
 */
import type { SpeechLanguage, Speaker } from './speaker';

const FOCUS_DEBOUNCE_MS = 250;

/**
 * A text's sentences, each with its closing mark: the units that are never cut. A sentence ends after
 * 。！？!? , after a full stop followed by a space (not inside "3.5"), and at a line break.
 */
export function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const mark = text[i]!;
    const next = text[i + 1];
    const closes =
      mark === '\n' ||
      ('。！？!?'.includes(mark) && !'。！？!?'.includes(next ?? '')) ||
      (mark === '.' && (next === undefined || next === ' ' || next === '\n'));
    if (closes) {
      sentences.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  sentences.push(text.slice(start));
  return sentences.map((sentence) => sentence.trim()).filter(Boolean);
}

export class Voice {
  private screenText = '';
  private focusText = '';
  /** The screen text is not spoken yet (it waits a moment for the screen's first focus). */
  private screenPending = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Sentences waiting behind the one being spoken. */
  private queue: string[] = [];
  private speaking = false;
  /** Bumped by every interruption, so the end of an interrupted sentence starts nothing. */
  private generation = 0;
  /** The viewer's choice in the box's settings (voice guidance on or off, and its speed). */
  private enabled = true;
  private rate = 1;

  constructor(
    private readonly speaker: Speaker,
    private readonly language: () => SpeechLanguage,
    private readonly debounceMs = FOCUS_DEBOUNCE_MS,
  ) {}

  /** Voice guidance on or off, at the box's speech rate (1 = normal); off stops speaking at once. */
  setGuidance(enabled: boolean, rate = 1): void {
    this.enabled = enabled;
    this.rate = rate > 0 ? rate : 1;
    if (!enabled) this.stop();
  }

  /** A new screen: stop speaking, drop anything queued, and say its announcement. */
  screen(text: string): void {
    this.interrupt();
    this.screenText = text;
    this.focusText = '';
    this.screenPending = true;
    this.schedule();
  }

  /** Focus moved: said after the sentence being spoken, replacing focus texts not yet spoken. */
  focus(text: string): void {
    this.focusText = text;
    this.schedule();
  }

  /** Green key: the screen text and the focus again, from the start. */
  repeat(): void {
    this.interrupt();
    this.screenPending = false;
    this.enqueue([this.screenText, this.focusText]);
  }

  stop(): void {
    this.interrupt();
    this.screenPending = false;
  }

  private interrupt() {
    this.cancelDebounce();
    this.generation += 1;
    this.queue = [];
    this.speaking = false;
    this.speaker.stop();
  }

  private schedule() {
    this.cancelDebounce();
    this.timer = setTimeout(() => this.flush(), this.debounceMs);
  }

  private flush() {
    this.timer = undefined;
    const parts = this.screenPending ? [this.screenText, this.focusText] : [this.focusText];
    this.screenPending = false;
    this.enqueue(parts);
  }

  /** Replaces what waits (never what is being said) and starts speaking if nothing is. */
  private enqueue(parts: string[]) {
    if (!this.enabled) return;
    this.queue = parts.filter(Boolean).flatMap(sentencesOf);
    if (!this.speaking) this.next();
  }

  private next() {
    const sentence = this.queue.shift();
    if (sentence === undefined) {
      this.speaking = false;
      return;
    }
    this.speaking = true;
    const generation = this.generation;
    void this.speaker.speak(sentence, this.language(), this.rate).then(() => {
      if (generation === this.generation) this.next();
    });
  }

  private cancelDebounce() {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
