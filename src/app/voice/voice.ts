/**
 * What the shell speaks: the screen's announcement, then the focused item. A new screen cancels
 * whatever was queued; screen and focus texts wait a short debounce, so a fast run of arrow presses
 * speaks only the last focus; Green repeats the screen text and the focus.
 */
import type { SpeechLanguage, Speaker } from './speaker';

const FOCUS_DEBOUNCE_MS = 250;

export class Voice {
  private screenText = '';
  private focusText = '';
  /** The screen text is not spoken yet (it waits a moment for the screen's first focus). */
  private screenPending = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly speaker: Speaker,
    private readonly language: () => SpeechLanguage,
    private readonly debounceMs = FOCUS_DEBOUNCE_MS,
  ) {}

  /** A new screen: drop anything queued, stop speaking, and say its announcement. */
  screen(text: string): void {
    this.screenText = text;
    this.focusText = '';
    this.screenPending = true;
    this.speaker.stop();
    this.schedule();
  }

  /**
   * Focus moved: said after the screen text (speaking interrupts on the box, so a focus that comes
   * with a new screen is joined to it), replacing an earlier focus text not yet spoken.
   */
  focus(text: string): void {
    this.focusText = text;
    this.schedule();
  }

  /** Green key: the screen text and the focus again. */
  repeat(): void {
    this.cancelQueued();
    this.screenPending = false;
    this.speaker.stop();
    this.say([this.screenText, this.focusText]);
  }

  stop(): void {
    this.cancelQueued();
    this.screenPending = false;
    this.speaker.stop();
  }

  private schedule() {
    this.cancelQueued();
    this.timer = setTimeout(() => this.flush(), this.debounceMs);
  }

  private flush() {
    this.timer = undefined;
    const parts = this.screenPending ? [this.screenText, this.focusText] : [this.focusText];
    this.screenPending = false;
    this.say(parts);
  }

  private say(parts: string[]) {
    const text = parts.filter(Boolean).join('\n');
    if (text) this.speaker.speak(text, this.language());
  }

  private cancelQueued() {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
