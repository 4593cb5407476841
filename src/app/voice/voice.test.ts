import type { SpeechLanguage, Speaker } from './speaker';
import { Voice } from './voice';

/** A voice in `language` (focus settling after 200 ms) and the log of what its speaker was told. */
const voiceIn = (language: SpeechLanguage) => {
  const log: string[] = [];
  const speaker: Speaker = {
    speak: (text, spokenIn) => log.push(`${spokenIn}:${text}`),
    stop: () => log.push('stop'),
  };
  return { log, voice: new Voice(speaker, () => language, 200) };
};

describe('Voice', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('says the screen text, then its first focus, as one utterance (speaking interrupts)', () => {
    const { log, voice } = voiceIn('ja');
    voice.screen('メニュー');
    voice.focus('健診結果を見る');
    jest.advanceTimersByTime(200);
    expect(log).toEqual(['stop', 'ja:メニュー\n健診結果を見る']);
  });

  it('speaks only the last focus of a fast run of arrow presses', () => {
    const { log, voice } = voiceIn('en');
    voice.screen('Menu');
    jest.advanceTimersByTime(300);
    voice.focus('one');
    jest.advanceTimersByTime(100);
    voice.focus('two');
    jest.advanceTimersByTime(100);
    voice.focus('three');
    jest.advanceTimersByTime(200);
    expect(log).toEqual(['stop', 'en:Menu', 'en:three']);
  });

  it('a new screen cancels a queued focus', () => {
    const { log, voice } = voiceIn('ja');
    voice.screen('A');
    jest.advanceTimersByTime(300);
    voice.focus('old focus');
    voice.screen('B');
    jest.advanceTimersByTime(300);
    expect(log).toEqual(['stop', 'ja:A', 'stop', 'ja:B']);
  });

  it('repeat says the screen text and the focus again', () => {
    const { log, voice } = voiceIn('ja');
    voice.screen('画面');
    voice.focus('項目');
    jest.advanceTimersByTime(200);
    log.length = 0;
    voice.repeat();
    expect(log).toEqual(['stop', 'ja:画面\n項目']);
  });
});
