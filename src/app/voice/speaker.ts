/**
 * Speech output. Three speakers: the box's RDK TextToSpeech over Thunder (follows the viewer's
 * TTS setting in the box), the browser's speechSynthesis (development), and silence.
 */
export type SpeechLanguage = 'ja' | 'en';

export interface Speaker {
  speak(text: string, language: SpeechLanguage): void;
  stop(): void;
}

export class SilentSpeaker implements Speaker {
  speak(): void {}
  stop(): void {}
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
}

/** speechSynthesis with a ja-JP / en voice; each new text cancels the one before. */
export class WebSpeechSpeaker implements Speaker {
  constructor(
    private readonly synthesis: SpeechSynthesisLike,
    private readonly makeUtterance: (text: string) => SpeechSynthesisUtteranceLike = (text) =>
      new SpeechSynthesisUtterance(text) as unknown as SpeechSynthesisUtteranceLike,
  ) {}

  speak(text: string, language: SpeechLanguage): void {
    this.synthesis.cancel();
    const utterance = this.makeUtterance(text);
    utterance.lang = language === 'ja' ? 'ja-JP' : 'en-US';
    const prefix = language === 'ja' ? 'ja' : 'en';
    const voice = this.synthesis.getVoices().find((v) => v.lang.toLowerCase().startsWith(prefix));
    if (voice) utterance.voice = voice;
    utterance.rate = 0.9; // a little slower for elderly viewers
    this.synthesis.speak(utterance);
  }

  stop(): void {
    this.synthesis.cancel();
  }
}
