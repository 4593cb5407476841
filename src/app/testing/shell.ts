/**
 * The shell for tests: a session whose login runs on fake card and platform actors (a test settles
 * each call), and the App mounted in a Lightning application with the spec's key map.
 */
import { Lightning } from '@lightningjs/sdk';
import { createActor } from 'xstate';
import { loginMachine } from '../../features/login/machine/login.machine';
import { sessionMachine } from '../../features/session/machine/session.machine';
import { FakeActors } from '../../machines/testing/fake-actors';
import { App, setShellRuntime } from '../App';
import { initI18n } from '../i18n/i18n';
import { installKeyPath } from '../keys/key-path';
import { keyEventOf, lightningKeys, type AppKey } from '../keys/keymap';
import type { SessionActor } from '../session/binding';
import { useJapaneseLineBreaks } from '../theme/line-break';

/** A session (not started) with the bridge watcher and the login flow's actors faked. */
export function sessionWithFakeLogin(): { session: SessionActor; fakes: FakeActors } {
  const fakes = new FakeActors(
    ['readAuthCertificate', 'readPinStatus', 'requestChallenge', 'signChallenge', 'loginWithSignature'],
    ['watchBridge'],
  );
  const session = createActor(
    sessionMachine.provide({
      actors: {
        watchBridge: fakes.logic.watchBridge!,
        login: loginMachine.provide({ actors: fakes.logic }),
      } as never,
    }),
    { input: {} },
  );
  return { session, fakes };
}

/** Mounts the App on `session` (the App starts it); nothing is drawn until the test draws. */
export function mountShell(session: SessionActor): { app: App; harness: Lightning.Application } {
  setShellRuntime({ session });
  useJapaneseLineBreaks();
  class Harness extends Lightning.Application {
    static override _template() {
      return { App: { type: App } };
    }
    override _getFocused() {
      return this.tag('App') as unknown as Lightning.Component;
    }
  }
  const harness = new Harness({
    stage: { w: 1920, h: 1080, autostart: false, useImageWorker: false },
    keys: lightningKeys(),
  } as never);
  return { app: harness.tag('App') as unknown as App, harness };
}

/** The shell on the PIN entry (a card in, the login at its first screen), driven by keydowns on window. */
export async function mountOnPinEntry() {
  initI18n('ja');
  const { session, fakes } = sessionWithFakeLogin();
  const { app, harness } = mountShell(session);
  const removeKeyPath = installKeyPath(window);
  fakes.sendFrom('watchBridge', { type: 'CARD_STATUS', presence: 'present' });
  await new Promise((resolve) => setTimeout(resolve, 0));
  harness.stage.drawFrame();
  /** One press as the box delivers it; returns the event (to see whether it was taken). */
  const press = (name: AppKey) => {
    const event = new KeyboardEvent('keydown', { ...keyEventOf(name), cancelable: true } as never);
    window.dispatchEvent(event);
    harness.stage.drawFrame();
    return event;
  };
  const destroy = () => {
    removeKeyPath();
    harness.destroy?.();
  };
  return { app, harness, session, fakes, press, destroy };
}
