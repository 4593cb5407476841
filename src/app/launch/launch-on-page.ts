/**
 * Launches a Lightning app on the page, full HD, with the spec's keys. Ours and the app bench's
 * bare floor launch through this one place, so the bench measures the stage we ship.
 */
import { Launch, type Lightning } from '@lightningjs/sdk';
import { lightningKeys } from '../keys/keymap';

export function launchOnPage(app: Lightning.Component.Constructor) {
  const application = Launch(
    app,
    {
      // No image worker: it starts from a blob: URL, which the package's CSP (script-src 'self') blocks.
      stage: { w: 1920, h: 1080, clearColor: 0xff000000, useImageWorker: false },
      keys: lightningKeys(),
      enablePointer: false,
      debug: false,
    },
    { path: './static', log: false, showVersion: false, showFps: false },
    {},
  );
  document.body.appendChild(application.stage.getCanvas());
  return application;
}
