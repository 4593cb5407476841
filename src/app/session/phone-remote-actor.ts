/**
 * The phone's touch remote on the TV: the poll (platform) and the delivery. Every press goes into
 * the same key path as the remote's (a keydown on the window: decoded once, routed by Lightning),
 * and text is typed as the number keys a digits-only entry takes. On a secret-entry screen — the
 * PIN, the signature password and their last-try confirmation — nothing from the phone is
 * delivered, not even an arrow (the password keypad is navigable): a PIN try is only ever the
 * viewer's own, on the TV's remote. The poll says so to the platform too, so the phone page refuses.
 */
import { fromPromise } from 'xstate';
import { phoneRemoteMachine } from '../../features/companion/machine/phone-remote.machine';
import { RegistrationScreen } from '../../features/registration';
import { SecretEntryScreen } from '../../features/secret-entry';
import type { RemoteInput, RemoteKey } from '../../machines/ports';
import { NotPairedError } from '../../platform/errors';
import type { CurrentPairing, PairingBox } from '../../platform/resources/pairing';
import type { RemoteEntry } from '../../platform/types';
import { keyEventOf, type AppKey } from '../keys/keymap';
import type { CurrentPhone } from './companion-actors';

/** The shell as the phone's remote needs it: what its screen takes, and one press into the key path. */
export interface RemoteScreen {
  entry(): RemoteEntry;
  press(key: AppKey): void;
}

const SECRET_SCREENS: ReadonlySet<string> = new Set(Object.values(SecretEntryScreen));
/** The app's text entries that take digits only. */
const DIGIT_SCREENS: ReadonlySet<string> = new Set([RegistrationScreen.customerNumber]);

/** What a screen takes: by its id, so a secret-entry screen refuses whatever state its flow is in. */
export const remoteEntryOf = (screen: string | undefined): RemoteEntry => {
  if (screen !== undefined && SECRET_SCREENS.has(screen)) return 'secret';
  return screen !== undefined && DIGIT_SCREENS.has(screen) ? 'digits' : 'none';
};

const KEY: Record<RemoteKey, AppKey> = {
  up: 'Up',
  down: 'Down',
  left: 'Left',
  right: 'Right',
  ok: 'Enter',
  back: 'Back',
};

/**
 * Feeds the phone's inputs to the screen, in order. The screen is asked before every single press:
 * an OK that opened the PIN entry stops everything after it there.
 */
export function deliverRemoteInputs(inputs: readonly RemoteInput[], screen: RemoteScreen): void {
  for (const input of inputs) {
    if (screen.entry() === 'secret') return;
    if (input.kind === 'key') {
      screen.press(KEY[input.key]);
      continue;
    }
    for (const digit of input.text.normalize('NFKC').replace(/[^0-9]/g, '')) {
      if (screen.entry() !== 'digits') break;
      screen.press(`Digit${digit}` as AppKey);
    }
  }
}

/** A press as the box delivers it: a keydown on the window, where the key path listens. */
export function keyPathPress(target: Pick<Window, 'dispatchEvent'>, key: AppKey): void {
  const { key: name, keyCode } = keyEventOf(key);
  const event = new KeyboardEvent('keydown', { key: name, keyCode, cancelable: true } as KeyboardEventInit);
  // An engine that ignores `keyCode` in the init still routes it: Lightning reads keyCode.
  if (event.keyCode !== keyCode) Object.defineProperty(event, 'keyCode', { get: () => keyCode });
  target.dispatchEvent(event);
}

/** The mounted shell as the remote's screen: its view's screen id, and presses on `target`. */
export const shellRemoteScreen = (
  shell: { readonly currentView?: { main: { screen: string } } | undefined },
  target: Pick<Window, 'dispatchEvent'>,
): RemoteScreen => ({
  entry: () => remoteEntryOf(shell.currentView?.main.screen),
  press: (key) => keyPathPress(target, key),
});

export interface RemotePort {
  takeRemoteInputs(pairing: CurrentPairing, entry: RemoteEntry): Promise<RemoteInput[]>;
}

/** The session's `phoneRemote` actor; `screen` is the shell once it is mounted (none: nothing is delivered). */
export function phoneRemoteActor(
  platform: RemotePort,
  pairingBox: () => Promise<PairingBox>,
  phone: CurrentPhone,
  screen: () => RemoteScreen | undefined,
) {
  return phoneRemoteMachine.provide({
    actors: {
      takeRemoteInputs: fromPromise<RemoteInput[]>(async () => {
        const pairing = phone();
        if (!pairing || pairing.expiresAt <= Date.now()) throw new NotPairedError('PAIRING_NOT_FOUND');
        const current = { token: pairing.token, boxId: (await pairingBox()).boxId };
        // No shell yet: secret, so the platform keeps nothing for a screen that cannot refuse.
        return platform.takeRemoteInputs(current, screen()?.entry() ?? 'secret');
      }),
    },
    actions: {
      deliverRemoteInputs: (_, { inputs }) => {
        const shell = screen();
        if (shell) deliverRemoteInputs(inputs, shell);
      },
    },
  });
}
