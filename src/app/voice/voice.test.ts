import type { Speaker } from './speaker';
import { Voice } from './voice';

const recorder = () => {
  const log: string[] = [];
  const speaker: Speaker = {
    speak: (text, language) => log.push(`${language}:${text}`),
    stop: () => log.push('stop'),
  };
  return { log, speaker };
};

describe('Voice', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('says the screen text, then its first focus, as one utterance (speaking interrupts)', () => {
    const { log, speaker } = recorder();
    const voice = new Voice(speaker, () => 'ja', 200);
    voice.screen('メニュー');
    voice.focus('健診結果を見る');
    jest.advanceTimersByTime(200);
    expect(log).toEqual(['stop', 'ja:メニュー\n健診結果を見る']);
  });

  it('speaks only the last focus of a fast run of arrow presses', () => {
    const { log, speaker } = recorder();
    const voice = new Voice(speaker, () => 'en', 200);
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
    const { log, speaker } = recorder();
    const voice = new Voice(speaker, () => 'ja', 200);
    voice.screen('A');
    jest.advanceTimersByTime(300);
    voice.focus('old focus');
    voice.screen('B');
    jest.advanceTimersByTime(300);
    expect(log).toEqual(['stop', 'ja:A', 'stop', 'ja:B']);
  });

  it('repeat says the screen text and the focus again', () => {
    const { log, speaker } = recorder();
    const voice = new Voice(speaker, () => 'ja', 200);
    voice.screen('画面');
    voice.focus('項目');
    jest.advanceTimersByTime(200);
    log.length = 0;
    voice.repeat();
    expect(log).toEqual(['stop', 'ja:画面\n項目']);
  });
});
