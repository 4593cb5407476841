/** @jest-environment jsdom */
import { splitFragment, takeBridgeToken } from './bridge-token';

const TOKEN = 'q4Xf0-Zb_9kL2mN8pR5sT7vW1yA3cE6gH0jK4nP9rU2';

/** Opens `url` in jsdom's window (same origin), as the box's launcher would. */
function launchAt(url: string): void {
  window.history.replaceState(null, '', url);
}

describe('the bridge token in the launch URL', () => {
  afterEach(() => launchAt('/'));

  test('is read from the fragment and removed from the address, path and query kept', () => {
    launchAt(`/app/index.html?lang=ja#bridgeToken=${TOKEN}`);
    const historyLength = window.history.length;
    expect(takeBridgeToken(window)).toBe(TOKEN);
    expect(window.location.pathname).toBe('/app/index.html');
    expect(window.location.search).toBe('?lang=ja');
    expect(window.location.hash).toBe('');
    expect(window.location.href).not.toContain(TOKEN);
    // Replaced, not pushed: Back does not lead to an entry that still holds it.
    expect(window.history.length).toBe(historyLength);
  });

  test('keeps the other fragment parameters, in their order and encoding', () => {
    launchAt(`/#route=home&bridgeToken=${encodeURIComponent(TOKEN)}&note=a%26b&flag`);
    expect(takeBridgeToken(window)).toBe(TOKEN);
    expect(window.location.hash).toBe('#route=home&note=a%26b&flag');
  });

  test('percent-decodes the token', () => {
    launchAt('/#bridgeToken=abc%2Fdef%3D%3D');
    expect(takeBridgeToken(window)).toBe('abc/def==');
    expect(window.location.hash).toBe('');
  });

  test('is read once: a second read finds nothing', () => {
    launchAt(`/#bridgeToken=${TOKEN}`);
    expect(takeBridgeToken(window)).toBe(TOKEN);
    expect(takeBridgeToken(window)).toBeUndefined();
  });

  test('without a token the address is left alone', () => {
    launchAt('/#route=home');
    const replaceState = jest.spyOn(window.history, 'replaceState');
    expect(takeBridgeToken(window)).toBeUndefined();
    expect(replaceState).not.toHaveBeenCalled();
    expect(window.location.hash).toBe('#route=home');
    replaceState.mockRestore();
  });

  test('is never written to Storage', () => {
    launchAt(`/#bridgeToken=${TOKEN}`);
    takeBridgeToken(window);
    const stored = [window.localStorage, window.sessionStorage].flatMap((storage) =>
      Object.keys(storage).map((key) => `${key}=${storage.getItem(key) ?? ''}`),
    );
    expect(stored.join('\n')).not.toContain(TOKEN);
  });
});

describe('the fragment grammar (k=v&k=v)', () => {
  test.each([
    ['', undefined, []],
    ['#', undefined, []],
    [`#bridgeToken=${TOKEN}`, TOKEN, []],
    // The first token that decodes wins; every one leaves the address.
    [`#bridgeToken=first&x=1&bridgeToken=second`, 'first', ['x=1']],
    ['#bridgeToken=&x=1', undefined, ['x=1']],
    ['#bridgeToken&x=1', undefined, ['x=1']],
    // A malformed escape does not decode: that entry leaves, and the next is taken.
    ['#bridgeToken=%E0%A4%A&bridgeToken=ok', 'ok', []],
    ['#bridge%54oken=encoded-key', 'encoded-key', []],
    ['#BRIDGETOKEN=other-case&bridgeTokenX=1', undefined, ['BRIDGETOKEN=other-case', 'bridgeTokenX=1']],
  ])('%s', (hash, token, rest) => {
    expect(splitFragment(hash)).toMatchObject({ token, rest });
  });
});
