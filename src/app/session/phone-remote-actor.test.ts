/** @jest-environment jsdom */
/**
 * The phone's touch remote on the TV, without a screen: what each screen takes, presses into the
 * key path (decoded once, as the remote's), text typed as number keys into a digits-only entry, and
 * nothing at all on a secret-entry screen — not even an arrow.
 */
import { createActor } from 'xstate';
import { SCREEN } from '../screens/ids';
import { installKeyPath } from '../keys/key-path';
import { digitOf, type AppKey } from '../keys/keymap';
import type { RemoteInput } from '../../machines/ports';
import {
  deliverRemoteInputs,
  keyPathPress,
  phoneRemoteActor,
  remoteEntryOf,
  shellRemoteScreen,
  type RemoteScreen,
} from './phone-remote-actor';

/** A screen whose entry the test sets; an OK may move it on (as OK on the customer number does). */
function fakeScreen(screen: string, onPress: (key: AppKey, self: { screen: string }) => void = () => {}) {
  const self = { screen };
  const pressed: AppKey[] = [];
  const remote: RemoteScreen = {
    entry: () => remoteEntryOf(self.screen),
    press: (key) => {
      pressed.push(key);
      onPress(key, self);
    },
  };
  return { remote, pressed, self };
}

const KEYS: RemoteInput[] = (['up', 'down', 'left', 'right', 'ok', 'back'] as const).map((key) => ({
  kind: 'key',
  key,
}));

describe('what a screen takes from the phone', () => {
  it('nothing on the PIN and signature password screens (their last-try confirmation is on them too)', () => {
    expect(remoteEntryOf(SCREEN.pinEntry)).toBe('secret');
    expect(remoteEntryOf(SCREEN.signPassword)).toBe('secret');
  });

  it('digits on the customer number, keys only elsewhere', () => {
    expect(remoteEntryOf(SCREEN.customerNumber)).toBe('digits');
    expect(remoteEntryOf(SCREEN.home)).toBe('none');
    expect(remoteEntryOf(undefined)).toBe('none');
  });
});

describe('delivering the phone’s inputs', () => {
  it('routes each key as the remote’s key of that name', () => {
    const { remote, pressed } = fakeScreen(SCREEN.home);
    deliverRemoteInputs(KEYS, remote);
    expect(pressed).toEqual(['Up', 'Down', 'Left', 'Right', 'Enter', 'Back']);
  });

  it('types text into a digits-only entry as its digits (full-width too), and nothing where no entry shows', () => {
    const entry = fakeScreen(SCREEN.customerNumber);
    deliverRemoteInputs([{ kind: 'text', text: '１00-1x0' }], entry.remote);
    expect(entry.pressed).toEqual(['Digit1', 'Digit0', 'Digit0', 'Digit1', 'Digit0']);
    const home = fakeScreen(SCREEN.home);
    deliverRemoteInputs([{ kind: 'text', text: '1234' }], home.remote);
    expect(home.pressed).toEqual([]);
  });

  it.each([SCREEN.pinEntry, SCREEN.signPassword])('drops everything on %s: keys, OK and text', (screen) => {
    const { remote, pressed } = fakeScreen(screen);
    deliverRemoteInputs([...KEYS, { kind: 'text', text: '1234' }], remote);
    expect(pressed).toEqual([]);
  });

  it('stops at the press that opened a secret-entry screen: nothing after it reaches the PIN', () => {
    const { remote, pressed } = fakeScreen(SCREEN.customerNumber, (key, self) => {
      if (key === 'Enter') self.screen = SCREEN.pinEntry;
    });
    deliverRemoteInputs(
      [
        { kind: 'text', text: '12' },
        { kind: 'key', key: 'ok' },
        { kind: 'text', text: '1234' },
        { kind: 'key', key: 'ok' },
      ],
      remote,
    );
    expect(pressed).toEqual(['Digit1', 'Digit2', 'Enter']);
  });
});

describe('the key path', () => {
  it('a phone press is a keydown on the window, decoded once as the remote’s', () => {
    const remove = installKeyPath(window);
    const seen: Array<{ keyCode: number; digit: string | undefined; prevented: boolean }> = [];
    const listener = (event: KeyboardEvent) =>
      seen.push({ keyCode: event.keyCode, digit: digitOf(event), prevented: event.defaultPrevented });
    window.addEventListener('keydown', listener);
    keyPathPress(window, 'Down');
    keyPathPress(window, 'Digit7');
    window.removeEventListener('keydown', listener);
    remove();
    expect(seen).toEqual([
      { keyCode: 40, digit: undefined, prevented: true },
      { keyCode: expect.any(Number), digit: '7', prevented: true },
    ]);
  });

  it('the shell’s screen is its view’s', () => {
    const shell: { currentView?: { main: { screen: string } } } = {
      currentView: { main: { screen: SCREEN.pinEntry } },
    };
    expect(shellRemoteScreen(shell, window).entry()).toBe('secret');
    shell.currentView = { main: { screen: SCREEN.customerNumber } };
    expect(shellRemoteScreen(shell, window).entry()).toBe('digits');
  });
});

describe('the session’s phoneRemote actor', () => {
  const PAIRED = { pairingId: 'p1', token: 't'.repeat(43), expiresAt: Date.now() + 60_000 };
  const BOX = { clientId: 'madoguchi-cable-tokyo', boxId: 'box-0123456789abcdef', boxName: 'テレビ' };

  it('tells the platform what the screen takes, and delivers what it answered', async () => {
    const calls: unknown[] = [];
    const { remote, pressed } = fakeScreen(SCREEN.pinEntry);
    const platform = {
      takeRemoteInputs: async (pairing: unknown, entry: string) => {
        calls.push([pairing, entry]);
        return [{ kind: 'key', key: 'ok' }] as RemoteInput[];
      },
    };
    const actor = createActor(
      phoneRemoteActor(
        platform,
        async () => BOX,
        () => PAIRED,
        () => remote,
      ),
    ).start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    actor.stop();
    expect(calls).toEqual([[{ token: PAIRED.token, boxId: BOX.boxId }, 'secret']]);
    expect(pressed).toEqual([]);
  });

  it('says secret before the shell is there, and stops when no phone is paired', async () => {
    const entries: string[] = [];
    const platform = {
      takeRemoteInputs: async (_: unknown, entry: string) => {
        entries.push(entry);
        return [];
      },
    };
    const early = createActor(
      phoneRemoteActor(
        platform,
        async () => BOX,
        () => PAIRED,
        () => undefined,
      ),
    ).start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    early.stop();
    expect(entries).toEqual(['secret']);
    const unpaired = createActor(
      phoneRemoteActor(
        platform,
        async () => BOX,
        () => undefined,
        () => undefined,
      ),
    );
    unpaired.start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(unpaired.getSnapshot().status).toBe('done');
  });
});
