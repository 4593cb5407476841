/**
 * The app's voice, ready at once: silent until `chooseSpeaker` has found the box's TTS (or the
 * browser's speechSynthesis), then speaking through it.
 */
import { currentLanguage } from '../i18n/i18n';
import { chooseSpeaker, type ChooseSpeakerOptions } from './choose-speaker';
import { SilentSpeaker, type Speaker, type SpeechLanguage, type SpeechSynthesisLike } from './speaker';
import type { SocketFactory } from './thunder-speaker';
import { Voice } from './voice';

/** Forwards to whichever speaker is current (silence until one is chosen). */
class SwitchableSpeaker implements Speaker {
  current: Speaker = new SilentSpeaker();
  speak(text: string, language: SpeechLanguage, rate?: number): Promise<void> {
    return this.current.speak(text, language, rate);
  }
  stop(): void {
    this.current.stop();
  }
}

export function createVoice(options: ChooseSpeakerOptions = browserSpeechOptions()): Voice {
  const speaker = new SwitchableSpeaker();
  void chooseSpeaker(options).then((chosen) => {
    speaker.current = chosen;
  });
  return new Voice(speaker, currentLanguage);
}

/** The browser's WebSocket and speechSynthesis, where it has them. */
export const browserSpeechOptions = (): ChooseSpeakerOptions => {
  const scope = globalThis as { WebSocket?: unknown; speechSynthesis?: unknown };
  return {
    WebSocketImpl: scope.WebSocket as SocketFactory | undefined,
    speechSynthesis: scope.speechSynthesis as SpeechSynthesisLike | undefined,
  };
};
