/**
 * The app shell: mounts the screen the current view names (registry), hands it the view's props,
 * routes the screen's events to the view's actor, speaks what changed, and holds the two
 * overlays (idle warning, help). Every remote key counts as activity for the session; the colour
 * keys are shortcuts shown in every screen's legend: red help, green repeat, blue language.
 * The registration, health and booking screens come from chunks loaded on demand
 * (screens/families.ts): a view of theirs shows once its chunk arrived (preloaded after the first
 * frame, so normally at once).
 */
import { Lightning, Storage } from '@lightningjs/sdk';
import { HelpOverlay } from './components/HelpOverlay/HelpOverlay';
import { markAfterNextFrame } from './first-frame';
import { IdleWarning } from './components/IdleWarning/IdleWarning';
import { currentLanguage, setLanguage, t, type LanguageCode } from './i18n/i18n';
import {
  familyFor,
  isLoaded,
  lazyScreen,
  loadFamily,
  preloadFamilies,
  type LazyFamily,
} from './screens/families';
import { SCREENS } from './screens/registry';
import type { AppEvent, Screen, ScreenClass } from './screens/Screen';
import { SessionBinding, type SessionActor } from './session/binding';
import { settings } from './settings/settings';
import { setTheme, theme, withTextSize, type TextSize, type Theme } from './theme/tokens';
import { nextTextSize, rememberTextSize, storedTextSize } from './theme/text-size-choice';
import type { AppView, MessageProps, StatusProps } from './view/app-view';
import { rebuildTemplatesOnThemeChange } from './theme/theme-templates';
import { ShellScreen } from './screens/ids';

/** What the shell needs of the voice (src/app/voice). */
interface VoiceOutput {
  screen(text: string): void;
  focus(text: string): void;
  repeat(): void;
}

export interface ShellRuntime {
  session: SessionActor;
  voice?: VoiceOutput;
  /** Called once the shell is mounted, with it (the bridge client starts connecting then). */
  onMount?: (shell: App) => void;
}

let runtime: ShellRuntime | undefined;
/** Set before Launch (index.ts) or before mounting the shell in a test. */
export const setShellRuntime = (next: ShellRuntime): void => {
  runtime = next;
};

rebuildTemplatesOnThemeChange();

const LANGUAGE_KEY = 'madoguchi.language';
type Listener = (screen: string) => void;
type TextSizeListener = (size: TextSize) => void;

/** A family's chunk still loading after this long: say so (normally it is there in a few ms). */
const SLOW_LOAD_MS = 400;
/** After the first frame, let the launch settle, then fetch the families in the background. */
const PRELOAD_AFTER_MS = 250;
/** The retry button of the load-failure message (handled here, never sent to a flow). */
const RETRY_LOAD = 'shell.retryLoad';

const LOADING_PROPS: StatusProps = { titleKey: 'shell.loadingTitle', bodyKey: 'common.pleaseWait' };
const LOAD_FAILED_PROPS: MessageProps = {
  tone: 'error',
  titleKey: 'shell.loadFailedTitle',
  body: { key: 'screenLoadFailed' },
  actions: [{ labelKey: 'common.retry', event: { type: RETRY_LOAD } }],
  contact: true,
};

export class App extends Lightning.Component {
  static override _template() {
    const { colors, stage } = theme();
    return {
      w: stage.w,
      h: stage.h,
      rect: true,
      color: colors.background,
      Screen: {},
      // The idle warning and the help overlay are made when first needed (overlay()): building
      // them at launch delayed the first screen.
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
  private firstScreenShown = false;
  private shownClass?: ScreenClass;
  /** The props the mounted screen got (a loading or failure screen's own while the view waits). */
  private shownProps: unknown;
  /** The part of a view the mounted screen shows (the binding keeps it while it is unchanged). */
  private shownMain?: AppView['main'];
  /** Set while the view waits for its family's chunk: 'waiting', then 'slow' or 'failed'. */
  private familyWait?: 'waiting' | 'slow' | 'failed';
  private slowTimer?: ReturnType<typeof setTimeout>;
  private readonly listeners = new Set<Listener>();
  private readonly textSizeListeners = new Set<TextSizeListener>();

  onScreen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called when the viewer chose a text size with the remote (the session keeps it in the profile). */
  onTextSizeChosen(listener: TextSizeListener): () => void {
    this.textSizeListeners.add(listener);
    return () => this.textSizeListeners.delete(listener);
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
    setTheme(withTextSize(theme(), storedTextSize() ?? theme().textSize));
    const { session } = runtime;
    this.binding = new SessionBinding(session, settings(), (view) => this.show(view));
    session.on('announce', () => {
      // The idle warning speaks through its overlay; other announcements have their own screens.
    });
    // The bridge client starts connecting before the session subscribes to it, so the session
    // hears 'connecting' (the first screen: 準備しています) rather than the client's initial
    // 'closed', which flashed the "cannot reach the card reader" error at every start.
    runtime.onMount?.(this);
    session.start();
    this.binding.start();
  }

  override _detach() {
    clearTimeout(this.slowTimer);
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

  /** Applies what changed: the screen only when the view's main part did, then the idle warning. */
  private show(view: AppView) {
    this.view = view;
    if (view.main === this.shownMain) {
      this.showIdleWarning(view.idleWarning?.seconds);
      this._refocus();
      return;
    }
    const { screen, props, target } = view.main;
    const family = familyFor(screen, target);
    if (family && !isLoaded(family)) {
      this.awaitFamily(family, view);
      return;
    }
    const ScreenClass = SCREENS[screen] ?? (family && lazyScreen(family, screen));
    if (!ScreenClass) throw new Error(`no screen registered as '${screen}'`);
    // After a loading or failure screen the real one is mounted even if it has the same name.
    const changed = this.mountScreen(screen, ScreenClass, props, this.familyWait !== undefined);
    this.shownMain = view.main;
    this.familyWait = undefined;
    clearTimeout(this.slowTimer);
    this.showIdleWarning(view.idleWarning?.seconds);
    this._refocus();
    // Launch time: the frame that first shows a screen, focused (operators and the app bench read it).
    if (changed && !this.firstScreenShown) {
      this.firstScreenShown = true;
      markAfterNextFrame(this.stage);
      this.stage.once('frameEnd', () => setTimeout(preloadFamilies, PRELOAD_AFTER_MS));
    }
    if (changed) this.screenChanged(screen);
  }

  /** Mounts `screen` unless it is already up (or `force`), then gives it `props`; true if mounted. */
  private mountScreen(screen: string, ScreenClass: ScreenClass, props: unknown, force = false): boolean {
    const changed = force || screen !== this.screen;
    if (changed) {
      const container = this.tag('Screen');
      this.screen = screen;
      this.shownClass = ScreenClass;
      container?.childList.clear();
      container?.childList.a({ type: ScreenClass });
    }
    this.shownProps = props;
    this.screenComponent?.update(props as never);
    return changed;
  }

  private screenChanged(screen: string) {
    runtime?.voice?.screen(this.screenComponent?.announcement() ?? '');
    this.listeners.forEach((listener) => listener(screen));
  }

  /**
   * The view's family is not loaded yet: the screen on display stays, without focus (keys only
   * count as activity), until the chunk arrives; if that takes long a loading screen shows, and a
   * failed load shows a message with a retry instead of crashing.
   */
  private awaitFamily(family: LazyFamily, view: AppView) {
    this.shownMain = undefined;
    if (this.familyWait !== 'slow' && this.familyWait !== 'failed') this.familyWait = 'waiting';
    clearTimeout(this.slowTimer);
    this.slowTimer = setTimeout(() => {
      if (this.familyWait !== 'waiting') return;
      this.familyWait = 'slow';
      this.mountScreen(ShellScreen.status, SCREENS.status!, LOADING_PROPS, true);
      this.screenChanged(ShellScreen.status);
    }, SLOW_LOAD_MS);
    this.showIdleWarning(view.idleWarning?.seconds);
    this._refocus();
    loadFamily(family).then(
      () => {
        // The flow's view may have come with the chunk: derived again, it is shown if it changed.
        this.binding?.refresh();
        if (this.view === view) this.show(view);
      },
      () => {
        if (this.view !== view) return;
        clearTimeout(this.slowTimer);
        this.familyWait = 'failed';
        this.mountScreen(ShellScreen.message, SCREENS.message!, LOAD_FAILED_PROPS, true);
        this._refocus();
        this.screenChanged(ShellScreen.message);
      },
    );
  }

  /** The overlay `name`, made on first use; the help stays above the idle warning. */
  private overlay<T>(name: 'Idle' | 'Help'): T {
    let element = this.tag(name) as Lightning.Element | undefined;
    if (!element) {
      element = this.stage.c({
        ref: name,
        type: name === 'Idle' ? IdleWarning : HelpOverlay,
        visible: false,
      });
      const help = this.tag('Help') as Lightning.Element | undefined;
      if (help) this.childList.addAt(element, this.childList.getIndex(help));
      else this.childList.add(element);
    }
    return element as unknown as T;
  }

  private showIdleWarning(seconds: number | undefined) {
    const visible = seconds !== undefined;
    if (!visible && !this.tag('Idle')) return;
    const overlay = this.overlay<IdleWarning>('Idle');
    if (visible && !overlay.visible) {
      overlay.show(seconds);
      runtime?.voice?.screen(overlay.announcement());
    } else if (!visible && overlay.visible) {
      overlay.hide();
    }
  }

  override _getFocused(): Lightning.Component {
    if (this.helpOpen) return this.overlay<Lightning.Component>('Help');
    if (this.view?.idleWarning) return this.overlay<Lightning.Component>('Idle');
    if (this.familyWait === 'waiting' || this.familyWait === 'slow') return this;
    return (this.screenComponent as Lightning.Component | undefined) ?? this;
  }

  $send(event: AppEvent) {
    if (this.familyWait === 'failed') {
      if (event.type === RETRY_LOAD && this.view) this.show(this.view);
      return;
    }
    if (this.view) this.binding?.send(this.view.main.target, event);
  }

  $announce(text: string) {
    if (text) runtime?.voice?.focus(text);
  }

  $openHelp(page = 1) {
    this.helpOpen = true;
    const help = this.overlay<HelpOverlay>('Help');
    help.open(page);
    this._refocus();
    runtime?.voice?.screen(help.announcement());
  }

  $closeHelp() {
    this.helpOpen = false;
    this.overlay<HelpOverlay>('Help').close();
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

  /** Yellow: the next text size (標準 → 大 → 特大 → 標準), said with how to go on. */
  _handleYellow() {
    const next = nextTextSize(this.textSize);
    this.useTextSize(next);
    this.textSizeListeners.forEach((listener) => listener(next));
    const size = t(`shell.textSize.${next}`);
    // The help, if open, was closed by the redraw: the screen under it is what shows now.
    const screen = this.screenComponent?.announcement() ?? '';
    runtime?.voice?.screen(`${t('shell.textSizeChanged', { size })} ${screen}`.trim());
    return true;
  }

  /** Redraws everything in `language` and remembers the choice on this box. */
  useLanguage(language: LanguageCode) {
    setLanguage(language);
    Storage.set(LANGUAGE_KEY, language);
    if (this.view) this.screenComponent?.update(this.shownProps as never);
    (this.tag('Help') as unknown as HelpOverlay | undefined)?.refresh();
  }

  /** The viewer's text size (文字の大きさ). */
  get textSize(): TextSize {
    return theme().textSize;
  }

  /** Redraws everything in the text size `size` and remembers it on this box. */
  useTextSize(size: TextSize) {
    rememberTextSize(size);
    if (size !== this.textSize) this.useTheme(theme(), size);
  }

  /**
   * Redraws everything in `next` (the viewer switched high contrast in the box's settings) at the
   * viewer's text size: the screen is made again with the same props, the overlays when next needed.
   */
  useTheme(colors: Theme, size: TextSize = this.textSize) {
    const next = withTextSize(colors, size);
    setTheme(next);
    this.patch({ color: next.colors.background });
    for (const name of ['Idle', 'Help'] as const) {
      const overlay = this.tag(name) as Lightning.Element | undefined;
      if (overlay) this.childList.remove(overlay);
    }
    this.helpOpen = false;
    if (this.screen && this.shownClass) this.mountScreen(this.screen, this.shownClass, this.shownProps, true);
    this.showIdleWarning(this.view?.idleWarning?.seconds);
    this._refocus();
  }

  /** The box hid the app: a PIN or password being typed is forgotten (OK starts that entry again). */
  forgetSecrets() {
    this.binding?.send('login', { type: 'CANCEL' });
    this.binding?.send('registration', { type: 'CANCEL' });
  }

  /** Back on a screen that does not use it stays in the app (the SDK's default closes it). */
  override _handleBack() {
    return true;
  }
}
