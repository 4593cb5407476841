/**
 * @jest-environment jsdom
 */
/**
 * The shell with families loaded on demand (screens/families.ts): a view of theirs shows once the
 * family's module arrived; a failed load shows a bilingual message whose retry loads it again.
 */
import 'jest-webgl-canvas-mock';
import { createActor, fromCallback } from 'xstate';
import { sessionMachine } from '../features/session/machine/session.machine';
import { initI18n } from './i18n/i18n';
import { keyEventOf } from './keys/keymap';
import { visibleTexts } from './layout-check/layout';
import { deliverKey } from './testing/render';
import { mountShell } from './testing/shell';
import type { AppView } from './view/app-view';
import { SCREEN, type ScreenId } from './screens/ids';

let mockBookingFails = true;
jest.mock('../features/booking/screens', () => {
  if (mockBookingFails) throw new Error('chunk-XYZ.js: network error');
  return jest.requireActual('../features/booking/screens');
});

const flush = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};

function mountApp() {
  initI18n('ja');
  // The session as the box starts it, without a bridge: 'connecting' (the status screen).
  const session = createActor(
    sessionMachine.provide({ actors: { watchBridge: fromCallback(() => () => undefined) } }),
    { input: {} },
  );
  const { app, harness } = mountShell(session);
  const draw = () => harness.stage.drawFrame();
  const enter = () => deliverKey(harness, { ...keyEventOf('Enter') });
  return { app, draw, enter, texts: () => visibleTexts(harness), destroy: () => harness.destroy?.() };
}

const view = (screen: ScreenId, target: 'health' | 'booking', props: unknown): AppView => ({
  main: { screen, target, props },
});

describe('App with families loaded on demand', () => {
  it('shows a health screen once its family arrived; until then the first screen stays', async () => {
    const { app, draw, destroy } = mountApp();
    draw();
    expect(app.screen).toBe(SCREEN.status);
    app.showFixedView(view(SCREEN.checkupList, 'health', { checkups: [], loading: true, empty: false }));
    expect(app.screen).toBe(SCREEN.status);
    await flush();
    draw();
    expect(app.screen).toBe(SCREEN.checkupList);
    destroy();
  });

  it('says so in Japanese when a family cannot be loaded, and OK tries again', async () => {
    const { app, draw, enter, texts, destroy } = mountApp();
    draw();
    app.showFixedView(view(SCREEN.facilityList, 'booking', { facilities: [], loading: true, empty: false }));
    await flush();
    draw();
    expect(app.screen).toBe(SCREEN.message);
    expect(texts()).toEqual(
      expect.arrayContaining([
        '画面を読み込めません',
        'この画面を読み込めませんでした。「やり直す」を押してください。直らないときは、テレビの電源を入れ直してください。',
        'やり直す',
      ]),
    );
    expect(app.currentView?.main.screen).toBe(SCREEN.facilityList);
    mockBookingFails = false;
    enter();
    await flush();
    draw();
    expect(app.screen).toBe(SCREEN.facilityList);
    destroy();
  });
});
