/** Picks the speaker: the box's TTS when Thunder answers in time, else speechSynthesis, else silence. */
import { SilentSpeaker, WebSpeechSpeaker, type Speaker, type SpeechSynthesisLike } from './speaker';
import { DEFAULT_THUNDER_URL, ThunderSpeaker, type SocketFactory } from './thunder-speaker';

export interface ChooseSpeakerOptions {
  thunderUrl?: string;
  WebSocketImpl?: SocketFactory;
  speechSynthesis?: SpeechSynthesisLike;
  timeoutMs?: number;
}

export async function chooseSpeaker({
  thunderUrl = DEFAULT_THUNDER_URL,
  WebSocketImpl,
  speechSynthesis,
  timeoutMs = 1500,
}: ChooseSpeakerOptions): Promise<Speaker> {
  if (WebSocketImpl) {
    let thunder: ThunderSpeaker | undefined;
    try {
      thunder = new ThunderSpeaker(thunderUrl, WebSocketImpl);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      });
      // Answered = the box has TTS: use it even when disabled now (it follows the setting).
      await Promise.race([thunder.start(), timeout]).finally(() => clearTimeout(timer));
      return thunder;
    } catch {
      thunder?.close();
    }
  }
  if (speechSynthesis) return new WebSpeechSpeaker(speechSynthesis);
  return new SilentSpeaker();
}
