/**
 * Test builds only (`__MADOGUCHI_TEST_HOOK__`): `window.__madoguchi` for the WPE/Chromium harness.
 * WebDriver screenshots miss WebGL in WPE, so `capture()` reads the stage canvas itself: it forces a
 * render and reads `toDataURL` on the next `frameEnd`, while the WebGL buffer is still current.
 */
import type { App } from './App';

export interface TestHook {
  /** The screen on display, e.g. 'insert-card'; undefined until the app's first screen. */
  readonly screen: string | undefined;
  capture(): Promise<string>;
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
