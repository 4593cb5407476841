/** Entry of the TV app bundle (`npm run build` → dist/app/). */
import { Launch } from '@lightningjs/sdk';
import { App } from './App';
import { lightningKeys } from './keys/keymap';
import { installTestHook } from './test-hook';

declare const __MADOGUCHI_TEST_HOOK__: boolean;
declare const __MADOGUCHI_PLATFORM__: 'keyboard' | 'stb';

const appSettings = {
  stage: { w: 1920, h: 1080, clearColor: 0xff000000 },
  keys: lightningKeys(__MADOGUCHI_PLATFORM__),
  enablePointer: false,
  debug: false,
};
const platformSettings = { path: './static', log: false, showVersion: false, showFps: false };

const application = Launch(App, appSettings, platformSettings, {});
document.body.appendChild(application.stage.getCanvas());

if (__MADOGUCHI_TEST_HOOK__) {
  installTestHook(application.stage, () => application.tag('App') as unknown as App | undefined);
}
