/**
 * The app shell: mounts the screen the current view names (registry), hands it the view's props,
 * routes the screen's events to the view's actor, speaks what changed, and holds the two
 * overlays (idle warning, help). Every remote key counts as activity for the session; the colour
 * keys are shortcuts shown in every screen's legend: red help, green repeat, blue language.
 */
import { Lightning, Storage } from '@lightningjs/sdk';
import { HelpOverlay } from './components/HelpOverlay/HelpOverlay';
import { IdleWarning } from './components/IdleWarning/IdleWarning';
import { currentLanguage, setLanguage, t, type LanguageCode } from './i18n/i18n';
import { SCREENS } from './screens/registry';
import type { AppEvent, Screen } from './screens/Screen';
import { SessionBinding, type SessionActor } from './session/binding';
import { settings } from './settings/settings';
import { theme } from './theme/tokens';
import type { AppView } from './view/app-view';

/** What the shell needs of the voice (src/app/voice). */
export interface VoiceOutput {
  screen(text: string): void;
  focus(text: string): void;
  repeat(): void;
}

export interface ShellRuntime {
  session: SessionActor;
  voice?: VoiceOutput;
  /** Called once the shell is mounted (the bridge client starts connecting then). */
  onMount?: () => void;
}

let runtime: ShellRuntime | undefined;
/** Set before Launch (index.ts) or before mounting the shell in a test. */
export const setShellRuntime = (next: ShellRuntime): void => {
  runtime = next;
};

const LANGUAGE_KEY = 'madoguchi.language';
type Listener = (screen: string) => void;

export class App extends Lightning.Component {
  static override _template() {
    const { colors, stage } = theme();
    return {
      w: stage.w,
      h: stage.h,
      rect: true,
      color: colors.background,
      Screen: {},
      Idle: { type: IdleWarning, visible: false },
      Help: { type: HelpOverlay, visible: false },
    };
  }

  static getFonts() {
    return []; // system Noto CJK (fonts-noto-cjk on the box)
  }

  /** The screen on display; the test hook reads it. */
  screen: string | undefined;
  private binding?: SessionBinding;
  private view?: AppView;
  private helpOpen = false;
  private readonly listeners = new Set<Listener>();

  onScreen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get currentView(): AppView | undefined {
    return this.view;
  }

  get session(): SessionActor | undefined {
    return this.binding?.session;
  }

  /** The flow in the foreground (the test hook reads its state). */
  get flow() {
    return this.binding?.flow;
  }

  override _init() {
    if (!runtime) throw new Error('setShellRuntime() before mounting the App');
    const stored = Storage.get(LANGUAGE_KEY) as LanguageCode | null;
    if (stored === 'ja' || stored === 'en') setLanguage(stored);
    const { session } = runtime;
    this.binding = new SessionBinding(session, settings(), (view) => this.show(view));
    session.on('announce', () => {
      // The idle warning speaks through its overlay; other announcements have their own screens.
    });
    session.start();
    this.binding.start();
    runtime.onMount?.();
  }

  override _detach() {
    this.binding?.stop();
    this.binding?.session.stop();
  }

  private get screenComponent(): Screen<unknown> | undefined {
    return this.tag('Screen')?.childList.first as Screen<unknown> | undefined;
  }

  /** Test builds (gallery screenshots): show a fixed view; the session no longer drives the screen. */
  showFixedView(view: AppView) {
    this.binding?.stop();
    this.show(view);
  }

  private show(view: AppView) {
    this.view = view;
    const { screen, props } = view.main;
    const container = this.tag('Screen');
    const changed = screen !== this.screen;
    if (changed) {
      const ScreenClass = SCREENS[screen];
      if (!ScreenClass) throw new Error(`no screen registered as '${screen}'`);
      this.screen = screen;
      container?.childList.clear();
      container?.childList.a({ type: ScreenClass });
    }
    this.screenComponent?.update(props as never);
    this.showIdleWarning(view.idleWarning?.seconds);
    this._refocus();
    if (changed) {
      runtime?.voice?.screen(this.screenComponent?.announcement() ?? '');
      this.listeners.forEach((listener) => listener(screen));
    }
  }

  private showIdleWarning(seconds: number | undefined) {
    const overlay = this.tag('Idle') as unknown as IdleWarning;
    const visible = seconds !== undefined;
    if (visible && !overlay.visible) {
      overlay.show(seconds);
      runtime?.voice?.screen(overlay.announcement());
    } else if (!visible && overlay.visible) {
      overlay.hide();
    }
  }

  override _getFocused(): Lightning.Component {
    if (this.helpOpen) return this.tag('Help') as Lightning.Component;
    if (this.view?.idleWarning) return this.tag('Idle') as Lightning.Component;
    return (this.screenComponent as Lightning.Component | undefined) ?? this;
  }

  $send(event: AppEvent) {
    if (this.view) this.binding?.send(this.view.main.target, event);
  }

  $announce(text: string) {
    if (text) runtime?.voice?.focus(text);
  }

  $openHelp() {
    this.helpOpen = true;
    const help = this.tag('Help') as unknown as HelpOverlay;
    help.open();
    this._refocus();
    runtime?.voice?.screen(help.announcement());
  }

  $closeHelp() {
    this.helpOpen = false;
    (this.tag('Help') as unknown as HelpOverlay).close();
    this._refocus();
    runtime?.voice?.screen(this.screenComponent?.announcement() ?? '');
  }

  /** Every key is activity; while the idle warning shows, a key only extends the session. */
  override _captureKey() {
    const session = this.binding?.session;
    if (this.view?.idleWarning) {
      session?.send({ type: 'EXTEND' });
      return true;
    }
    session?.send({ type: 'ACTIVITY' });
    return false;
  }

  /** Red opens help and, pressed again, closes it. */
  _handleRed() {
    if (this.helpOpen) this.$closeHelp();
    else this.$openHelp();
    return true;
  }

  _handleGreen() {
    runtime?.voice?.repeat();
    return true;
  }

  _handleBlue() {
    this.useLanguage(currentLanguage() === 'ja' ? 'en' : 'ja');
    runtime?.voice?.screen(`${t('shell.languageChanged')} ${this.screenComponent?.announcement() ?? ''}`);
    return true;
  }

  /** Redraws everything in `language` and remembers the choice on this box. */
  useLanguage(language: LanguageCode) {
    setLanguage(language);
    Storage.set(LANGUAGE_KEY, language);
    if (this.view) this.screenComponent?.update(this.view.main.props as never);
    (this.tag('Help') as unknown as HelpOverlay).refresh();
  }

  /** Back on a screen that does not use it stays in the app (the SDK's default closes it). */
  override _handleBack() {
    return true;
  }
}
