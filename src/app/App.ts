/**
 * The app shell: one screen at a time, chosen by the session machine's snapshot (`screenFor`).
 * Remote keys reach the focused screen; the shell forwards activity to the session.
 */
import { Lightning } from '@lightningjs/sdk';
import type { Actor } from 'xstate';
import type { sessionMachine } from '../machines';
import { InsertCard } from './screens/InsertCard/InsertCard';
import { createDemoSession } from './session/demo-session';
import { screenFor, type ScreenName } from './session/screen-for';
import { defaultTheme } from './theme/tokens';

type Listener = (screen: ScreenName) => void;

export class App extends Lightning.Component {
  static override _template() {
    const { colors, safeArea, type } = defaultTheme;
    return {
      w: defaultTheme.stage.w,
      h: defaultTheme.stage.h,
      rect: true,
      color: colors.background,
      Screen: {},
      Pending: {
        x: safeArea.x,
        y: safeArea.y,
        visible: false,
        text: { text: 'しばらくお待ちください / Please wait', fontFace: type.fontFace, fontSize: type.body },
      },
    };
  }

  static getFonts() {
    return []; // system Noto CJK (fonts-noto-cjk on the box)
  }

  /** The screen on display; the test hook reads it. */
  screen: ScreenName | undefined;
  private session?: Actor<typeof sessionMachine>;
  private readonly listeners = new Set<Listener>();

  onScreen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  override _init() {
    this.session = createDemoSession();
    this.session.subscribe((snapshot) => this.show(screenFor(snapshot)));
    this.session.start();
  }

  override _detach() {
    this.session?.stop();
  }

  private show(screen: ScreenName) {
    if (screen === this.screen) return;
    this.screen = screen;
    const container = this.tag('Screen');
    container?.childList.clear();
    if (screen === 'insert-card') container?.childList.a({ type: InsertCard });
    this.tag('Pending')?.patch({ visible: screen === 'pending' });
    this.listeners.forEach((listener) => listener(screen));
  }

  override _getFocused() {
    return this.tag('Screen')?.childList.first ?? this;
  }

  /** Back on the first screen stays in the app (the SDK's default closes it). */
  override _handleBack() {
    return true;
  }

  override _captureKey() {
    this.session?.send({ type: 'ACTIVITY' });
    return false;
  }
}
