import type { SpeechLanguage, Speaker } from './speaker';
import { sentencesOf, Voice } from './voice';

/**
 * A fake synthesizer: each sentence is "said" until the test ends it (`finish`), as a real one takes
 * its time; the log shows what the voice asked for and when it stopped it.
 */
const voiceIn = (language: SpeechLanguage) => {
  const log: string[] = [];
  let endCurrent: (() => void) | undefined;
  const speaker: Speaker = {
    speak: (text, spokenIn) => {
      log.push(`${spokenIn}:${text}`);
      return new Promise<void>((resolve) => (endCurrent = resolve));
    },
    stop: () => {
      log.push('stop');
      endCurrent?.();
    },
  };
  /** The sentence being said comes to its end. */
  const finish = async () => {
    const end = endCurrent;
    endCurrent = undefined;
    end?.();
    await Promise.resolve();
    await Promise.resolve();
  };
  return { log, voice: new Voice(speaker, () => language, 200), finish };
};

describe('the voice’s sentences', () => {
  it('splits a text after each closing mark and line, keeping the marks', () => {
    expect(sentencesOf('窓口へようこそ。カードを差し込んでください。\n暗証番号は4けた')).toEqual([
      '窓口へようこそ。',
      'カードを差し込んでください。',
      '暗証番号は4けた',
    ]);
    expect(sentencesOf('Hello! Is it you? Yes. It costs 3.5 yen.')).toEqual([
      'Hello!',
      'Is it you?',
      'Yes.',
      'It costs 3.5 yen.',
    ]);
    expect(sentencesOf('本当ですか！？はい。')).toEqual(['本当ですか！？', 'はい。']);
    expect(sentencesOf('')).toEqual([]);
  });
});

describe('Voice', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('says the screen text, then its first focus, sentence by sentence', async () => {
    const { log, voice, finish } = voiceIn('ja');
    voice.screen('メニューです。選んでください。');
    voice.focus('健診結果を見る');
    jest.advanceTimersByTime(200);
    await finish();
    await finish();
    expect(log).toEqual(['stop', 'ja:メニューです。', 'ja:選んでください。', 'ja:健診結果を見る']);
  });

  it('never cuts a sentence when focus moves, and drops the focus texts that went stale', async () => {
    const { log, voice, finish } = voiceIn('en');
    voice.screen('Menu. Choose one.');
    jest.advanceTimersByTime(300);
    voice.focus('one');
    jest.advanceTimersByTime(300);
    voice.focus('two');
    jest.advanceTimersByTime(300);
    voice.focus('three');
    jest.advanceTimersByTime(300);
    // "Menu." is still being said: nothing was stopped, and only the newest focus waits.
    expect(log).toEqual(['stop', 'en:Menu.']);
    await finish();
    expect(log).toEqual(['stop', 'en:Menu.', 'en:three']);
  });

  it('speaks only the last focus of a fast run of arrow presses', async () => {
    const { log, voice, finish } = voiceIn('en');
    voice.screen('Menu');
    jest.advanceTimersByTime(300);
    await finish();
    voice.focus('one');
    jest.advanceTimersByTime(100);
    voice.focus('two');
    jest.advanceTimersByTime(100);
    voice.focus('three');
    jest.advanceTimersByTime(200);
    expect(log).toEqual(['stop', 'en:Menu', 'en:three']);
  });

  it('a new screen interrupts at once and drops what waited', async () => {
    const { log, voice, finish } = voiceIn('ja');
    voice.screen('Aです。続きです。');
    jest.advanceTimersByTime(300);
    voice.focus('old focus');
    voice.screen('B');
    jest.advanceTimersByTime(300);
    await finish();
    expect(log).toEqual(['stop', 'ja:Aです。', 'stop', 'ja:B']);
  });

  it('repeat interrupts and says the screen text and the focus again', async () => {
    const { log, voice, finish } = voiceIn('ja');
    voice.screen('画面');
    voice.focus('項目');
    jest.advanceTimersByTime(200);
    log.length = 0;
    voice.repeat();
    await finish();
    expect(log).toEqual(['stop', 'ja:画面', 'ja:項目']);
  });

  it('goes on after a sentence the synthesizer could not say', async () => {
    const log: string[] = [];
    const speaker: Speaker = {
      speak: async (text) => void log.push(text),
      stop: () => undefined,
    };
    const voice = new Voice(speaker, () => 'ja', 10);
    voice.screen('一。二。三。');
    jest.advanceTimersByTime(10);
    for (let i = 0; i < 6; i++) await Promise.resolve();
    expect(log).toEqual(['一。', '二。', '三。']);
  });
});
