import { chooseSpeaker } from './choose-speaker';
import { SilentSpeaker, WebSpeechSpeaker, type SpeechSynthesisUtteranceLike } from './speaker';
import { ThunderSpeaker, type SocketLike } from './thunder-speaker';

interface Sent {
  id: number;
  method: string;
  params?: Record<string, unknown>;
}

/** A fake Thunder: answers isttsenabled with `enabled` (or never, when `silent`), speak with ids. */
const fakeThunder = (options: { enabled?: boolean; silent?: boolean } = {}) => {
  const sockets: FakeSocket[] = [];
  class FakeSocket implements SocketLike {
    readyState = 0;
    sent: Sent[] = [];
    onopen: ((event: unknown) => void) | null = null;
    onmessage: ((event: { data: unknown }) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    onclose: ((event: unknown) => void) | null = null;
    constructor(readonly url: string) {
      sockets.push(this);
      if (!options.silent) {
        queueMicrotask(() => {
          this.readyState = 1;
          this.onopen?.({});
        });
      }
    }
    send(data: string) {
      const message = JSON.parse(data) as Sent;
      this.sent.push(message);
      const reply = (result: Record<string, unknown>) =>
        this.onmessage?.({ data: JSON.stringify({ jsonrpc: '2.0', id: message.id, result }) });
      if (message.method.endsWith('.isttsenabled'))
        reply({ isenabled: options.enabled ?? true, success: true });
      if (message.method.endsWith('.speak')) reply({ speechid: 7, TTS_Status: 0, success: true });
      if (message.method.endsWith('.register') || message.method.endsWith('.cancel'))
        reply({ success: true });
    }
    notify(method: string, params: Record<string, unknown>) {
      this.onmessage?.({ data: JSON.stringify({ jsonrpc: '2.0', method, params }) });
    }
    close() {
      this.readyState = 3;
    }
  }
  return { FakeSocket, sockets };
};

const fakeSynthesis = () => {
  const log: string[] = [];
  return {
    log,
    synthesis: {
      speak: (u: SpeechSynthesisUtteranceLike) =>
        log.push(`speak ${u.lang} ${u.text} ${(u.voice as { name?: string })?.name ?? ''}`),
      cancel: () => log.push('cancel'),
      getVoices: () => [
        { lang: 'en-US', name: 'Samantha' },
        { lang: 'ja-JP', name: 'Kyoko' },
      ],
    },
  };
};

describe('ThunderSpeaker', () => {
  it('asks isttsenabled, registers for its events, speaks with {text} and cancels by id', async () => {
    const { FakeSocket, sockets } = fakeThunder();
    const speaker = new ThunderSpeaker('ws://127.0.0.1:9998/jsonrpc', FakeSocket);
    await expect(speaker.start()).resolves.toBe(true);
    const said = speaker.speak('こんにちは', 'ja');
    speaker.stop();
    await said;
    const socket = sockets[0]!;
    expect(socket.url).toBe('ws://127.0.0.1:9998/jsonrpc');
    const register = (event: string) => ['org.rdk.TextToSpeech.1.register', { event, id: 'client.events' }];
    expect(socket.sent.map(({ method, params }) => [method, params])).toEqual([
      register('onttsstatechanged'),
      register('onspeechcomplete'),
      register('onspeechinterrupted'),
      register('onnetworkerror'),
      register('onplaybackerror'),
      ['org.rdk.TextToSpeech.1.isttsenabled', undefined],
      ['org.rdk.TextToSpeech.1.speak', { text: 'こんにちは' }],
      ['org.rdk.TextToSpeech.1.cancel', { speechid: 7 }],
    ]);
  });

  it('ends a speech on its own onspeechcomplete, not before', async () => {
    const { FakeSocket, sockets } = fakeThunder();
    const speaker = new ThunderSpeaker('ws://x/jsonrpc', FakeSocket);
    await speaker.start();
    let ended = false;
    const said = speaker.speak('長い文です。', 'ja').then(() => (ended = true));
    await Promise.resolve();
    sockets[0]!.notify('client.events.onspeechcomplete', { speechid: 6 });
    await Promise.resolve();
    expect(ended).toBe(false);
    sockets[0]!.notify('client.events.onspeechcomplete', { speechid: 7 });
    await said;
    expect(ended).toBe(true);
  });

  it('speaks nothing while TTS is disabled in the box, and follows the setting when it changes', async () => {
    const { FakeSocket, sockets } = fakeThunder({ enabled: false });
    const speaker = new ThunderSpeaker('ws://x/jsonrpc', FakeSocket);
    await expect(speaker.start()).resolves.toBe(false);
    const socket = sockets[0]!;
    speaker.speak('聞こえない', 'ja');
    expect(socket.sent.some((m) => m.method.endsWith('.speak'))).toBe(false);
    socket.notify('client.events.onttsstatechanged', { state: true });
    speaker.speak('聞こえる', 'ja');
    expect(socket.sent.filter((m) => m.method.endsWith('.speak')).map((m) => m.params)).toEqual([
      { text: '聞こえる' },
    ]);
    socket.notify('client.events.onttsstatechanged', { state: false });
    speaker.speak('また聞こえない', 'ja');
    expect(socket.sent.filter((m) => m.method.endsWith('.speak'))).toHaveLength(1);
  });
});

describe('WebSpeechSpeaker', () => {
  it('picks a voice of the language and ends each text when the browser says it ended', async () => {
    const { log, synthesis } = fakeSynthesis();
    const utterances: SpeechSynthesisUtteranceLike[] = [];
    const speaker = new WebSpeechSpeaker(synthesis, (text) => {
      const utterance: SpeechSynthesisUtteranceLike = { text, lang: '' };
      utterances.push(utterance);
      return utterance;
    });
    const first = speaker.speak('こんにちは', 'ja');
    utterances[0]!.onend?.();
    await first;
    const second = speaker.speak('Hello', 'en');
    speaker.stop();
    utterances[1]!.onerror?.(); // what a cancel() does to the utterance being said
    await second;
    expect(log).toEqual(['speak ja-JP こんにちは Kyoko', 'speak en-US Hello Samantha', 'cancel']);
  });

  it('does not wait for ever for an end the browser never reports', async () => {
    jest.useFakeTimers();
    const { synthesis } = fakeSynthesis();
    const speaker = new WebSpeechSpeaker(synthesis, (text) => ({ text, lang: '' }));
    let ended = false;
    const said = speaker.speak('Hello', 'en').then(() => (ended = true));
    jest.advanceTimersByTime(2999);
    await Promise.resolve();
    expect(ended).toBe(false);
    jest.advanceTimersByTime(1);
    await said;
    jest.useRealTimers();
    expect(ended).toBe(true);
  });
});

describe('chooseSpeaker', () => {
  it('uses Thunder when it answers in time', async () => {
    const { FakeSocket } = fakeThunder();
    const speaker = await chooseSpeaker({
      WebSocketImpl: FakeSocket,
      speechSynthesis: fakeSynthesis().synthesis,
    });
    expect(speaker).toBeInstanceOf(ThunderSpeaker);
  });

  it('falls back to speechSynthesis when Thunder does not answer, then to silence', async () => {
    const { FakeSocket } = fakeThunder({ silent: true });
    const web = await chooseSpeaker({
      WebSocketImpl: FakeSocket,
      speechSynthesis: fakeSynthesis().synthesis,
      timeoutMs: 20,
    });
    expect(web).toBeInstanceOf(WebSpeechSpeaker);
    const silent = await chooseSpeaker({ WebSocketImpl: FakeSocket, timeoutMs: 20 });
    expect(silent).toBeInstanceOf(SilentSpeaker);
    expect(await chooseSpeaker({})).toBeInstanceOf(SilentSpeaker);
  });
});

describe('createVoice', () => {
  it('is silent until a speaker is chosen, then speaks through it', async () => {
    const { createVoice } = await import('./create-voice');
    const { log, synthesis } = fakeSynthesis();
    // Node has no Web Speech API: a minimal utterance class stands in for the browser's.
    (globalThis as Record<string, unknown>).SpeechSynthesisUtterance = class {
      lang = '';
      constructor(readonly text: string) {}
    };
    jest.useFakeTimers();
    const voice = createVoice({ speechSynthesis: synthesis });
    await Promise.resolve();
    await Promise.resolve();
    voice.screen('こんにちは');
    jest.advanceTimersByTime(1000);
    jest.useRealTimers();
    delete (globalThis as Record<string, unknown>).SpeechSynthesisUtterance;
    expect(log.some((entry) => entry.includes('こんにちは'))).toBe(true);
  });
});
