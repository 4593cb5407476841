/**
 * Speech output. Three speakers: the box's RDK TextToSpeech over Thunder (follows the viewer's
 * TTS setting in the box), the browser's speechSynthesis (development), and silence.
 */
export type SpeechLanguage = 'ja' | 'en';

export interface Speaker {
  /**
   * Says `text` at `rate` (1 = normal; the box's TTS keeps its own); resolves once it has been said,
   * was stopped, or could not be (never rejects).
   */
  speak(text: string, language: SpeechLanguage, rate?: number): Promise<void>;
  stop(): void;
}

export class SilentSpeaker implements Speaker {
  speak(): Promise<void> {
    return Promise.resolve();
  }
  stop(): void {}
}

/**
 * How long a text may take to be said before its end is taken as lost (a synthesizer that never
 * reports the end must not silence the queue): a generous 0.3 s a character, at least 3 s.
 */
const speechDeadlineMs = (text: string): number => Math.max(3000, text.length * 300);

/** Resolves when `ended` is called or the deadline for `text` passes, whichever is first. */
export function untilSaid(text: string, start: (ended: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, speechDeadlineMs(text));
    start(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The parts of the Web Speech API used (so tests can pass a fake). */
export interface SpeechSynthesisLike {
  speak(utterance: SpeechSynthesisUtteranceLike): void;
  cancel(): void;
  getVoices(): Array<{ lang: string; name: string }>;
}
export interface SpeechSynthesisUtteranceLike {
  text: string;
  lang: string;
  voice?: unknown;
  rate?: number;
  onend?: (() => void) | null;
  onerror?: (() => void) | null;
}

/** speechSynthesis with a ja-JP / en voice; each text ends when the browser says it ended. */
export class WebSpeechSpeaker implements Speaker {
  constructor(
    private readonly synthesis: SpeechSynthesisLike,
    private readonly makeUtterance: (text: string) => SpeechSynthesisUtteranceLike = (text) =>
      new SpeechSynthesisUtterance(text) as unknown as SpeechSynthesisUtteranceLike,
  ) {}

  speak(text: string, language: SpeechLanguage, rate = 1): Promise<void> {
    const utterance = this.makeUtterance(text);
    utterance.lang = language === 'ja' ? 'ja-JP' : 'en-US';
    const prefix = language === 'ja' ? 'ja' : 'en';
    const voice = this.synthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(prefix));
    if (voice) utterance.voice = voice;
    utterance.rate = 0.9 * rate; // a little slower for elderly viewers
    return untilSaid(text, (ended) => {
      // A cancel() ends the utterance with an error event: the queue goes on either way.
      utterance.onend = ended;
      utterance.onerror = ended;
      this.synthesis.speak(utterance);
    });
  }

  stop(): void {
    this.synthesis.cancel();
  }
}
