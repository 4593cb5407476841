/** @jest-environment jsdom */
import { takeBridgeToken } from './bridge-token';
import { takeThunderToken, thunderUrlWithToken } from './thunder-token';
import { parseSettings, DEFAULT_SETTINGS } from '../settings/settings';

const launchAt = (url: string) => window.history.replaceState(null, '', url);

describe('the box’s Thunder token in the launch URL', () => {
  afterEach(() => launchAt('/'));

  test('leaves the address with the bridge token, the other parameters kept', () => {
    launchAt('/r/index.html#bridgeToken=abc&thunderToken=t%2Bk%3D&lang=ja');
    expect(takeBridgeToken(window)).toBe('abc');
    expect(takeThunderToken(window)).toBe('t+k=');
    expect(window.location.hash).toBe('#lang=ja');
    expect(window.location.pathname).toBe('/r/index.html');
  });

  test('is absent when the box gives none, and the address is left as it was', () => {
    launchAt('/#lang=ja');
    expect(takeThunderToken(window)).toBeUndefined();
    expect(window.location.hash).toBe('#lang=ja');
    launchAt('/#thunderToken=%E0%A4%A');
    expect(takeThunderToken(window)).toBeUndefined();
    expect(window.location.hash).toBe('');
  });

  test('reaches Thunder as the token query parameter', () => {
    expect(thunderUrlWithToken('ws://127.0.0.1:9998/jsonrpc', 'a b&c')).toBe(
      'ws://127.0.0.1:9998/jsonrpc?token=a%20b%26c',
    );
    expect(thunderUrlWithToken('ws://127.0.0.1:9998/jsonrpc', undefined)).toBe('ws://127.0.0.1:9998/jsonrpc');
  });

  test('settings name the box’s own Thunder only', () => {
    const withVoice = (thunderUrl: string) => parseSettings({ ...DEFAULT_SETTINGS, voice: { thunderUrl } });
    expect(withVoice('ws://127.0.0.1:9001/jsonrpc').voice).toEqual({
      thunderUrl: 'ws://127.0.0.1:9001/jsonrpc',
    });
    expect(() => withVoice('ws://evil.example:9998/jsonrpc')).toThrow('voice.thunderUrl');
    expect(() => withVoice('ws://127.0.0.1:9998/jsonrpc?token=fixed')).toThrow('voice.thunderUrl');
  });
});
