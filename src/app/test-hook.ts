/**
 * Test builds only (`__MADOGUCHI_TEST_HOOK__`): `window.__madoguchi` for the WPE/Chromium harness.
 * WebDriver screenshots miss WebGL in WPE, so `capture()` reads the stage canvas itself: it forces a
 * render and reads `toDataURL` on the next `frameEnd`, while the WebGL buffer is still current.
 */
import type { App } from './App';
import type { AppView } from './view/app-view';
import { layoutProblems } from './testing/layout';
import { theme } from './theme/tokens';

export interface TestHook {
  /** The screen on display, e.g. 'insert-card'; undefined until the app's first screen. */
  readonly screen: string | undefined;
  /** The session's state value and the foreground flow's, e.g. {session:{loggedIn:…}, flow:'list'}. */
  state(): { session: unknown; flow: unknown };
  /** The current screen's props (views hold no PIN or password: only how many were typed). */
  props(): unknown;
  capture(): Promise<string>;
  /** Shows a fixed view (the screenshot gallery); the session stops driving the screen. */
  showView(view: AppView): void;
  setLanguage(language: 'ja' | 'en'): void;
  openHelp(): void;
  closeHelp(): void;
  /** Texts below the body size or outside the safe area, measured with the real glyphs. */
  layoutProblems(): string[];
}

interface StageLike {
  forceRenderUpdate(): void;
  getCanvas(): HTMLCanvasElement;
  once(event: 'frameEnd', listener: () => void): void;
}

export const installTestHook = (stage: StageLike, getApp: () => App | undefined): TestHook => {
  const hook: TestHook = {
    get screen() {
      return getApp()?.screen;
    },
    state: () => {
      const app = getApp();
      return { session: app?.session?.getSnapshot().value, flow: app?.flow?.getSnapshot().value };
    },
    showView: (view) => getApp()?.showFixedView(view),
    setLanguage: (language) => getApp()?.useLanguage(language),
    openHelp: () => getApp()?.$openHelp(),
    closeHelp: () => getApp()?.$closeHelp(),
    layoutProblems: () => {
      const app = getApp();
      return app ? layoutProblems(app.application as never, theme()) : ['no app'];
    },
    props: () => JSON.parse(JSON.stringify(getApp()?.currentView?.main.props ?? null)),
    capture: () =>
      new Promise<string>((resolve, reject) => {
        stage.once('frameEnd', () => {
          try {
            resolve(stage.getCanvas().toDataURL('image/png'));
          } catch (error) {
            reject(error);
          }
        });
        stage.forceRenderUpdate();
      }),
  };
  (window as unknown as { __madoguchi: TestHook }).__madoguchi = hook;
  return hook;
};
