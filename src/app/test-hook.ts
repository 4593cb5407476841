/**
 * Test builds only (`__MADOGUCHI_TEST_HOOK__`): `window.__madoguchi` for the WPE/Chromium harness.
 * WebDriver screenshots miss WebGL in WPE, so `capture()` reads the stage canvas itself: it forces a
 * render and reads `toDataURL` on the next `frameEnd`, while the WebGL buffer is still current.
 * `timeline` stamps keys, screens and state changes with performance.now() as they happen (the
 * login bench times OK → logged in inside the page: frames come in 33 ms steps in cog).
 */
import type { AnyActorRef } from 'xstate';
import type { App } from './App';
import type { AppView } from './view/app-view';
import { layoutProblems } from './layout-check/layout';
import { theme, type TextSize } from './theme/tokens';
import { snapshotStage, type DrawnElement } from './stage-snapshot';

/** One stamped change: a key (digits only as 'digit'), a screen, the session's or the flow's state. */
export interface TimelineEntry {
  at: number;
  kind: 'key' | 'screen' | 'session' | 'flow';
  /** Key name, screen name, or the state value as JSON. */
  value: string;
}

/** The timeline keeps this many entries (a long bench must not grow the page through the hook). */
const TIMELINE_LIMIT = 500;

export interface TestHook {
  /** The screen on display, e.g. 'insert-card'; undefined until the app's first screen. */
  readonly screen: string | undefined;
  /** The session's state value and the foreground flow's, e.g. {session:{loggedIn:…}, flow:'list'}, and the text size in use. */
  state(): { session: unknown; flow: unknown; textSize: TextSize };
  /** The current screen's props (views hold no PIN or password: only how many were typed). */
  props(): unknown;
  capture(): Promise<string>;
  /** Shows a fixed view (the screenshot gallery); the session stops driving the screen. */
  showView(view: AppView): void;
  setLanguage(language: 'ja' | 'en'): void;
  setTextSize(size: TextSize): void;
  /** Opens the help; `page` 2 turns to its second page where it has one (at 特大). */
  openHelp(page?: number): void;
  closeHelp(): void;
  /** Texts below the body size or outside the safe area, measured with the real glyphs. */
  layoutProblems(): string[];
  /** Stamped changes since the last `takeTimeline()` (at most the last 500). */
  readonly timeline: TimelineEntry[];
  /** Returns the timeline and empties it. */
  takeTimeline(): TimelineEntry[];
  /** What the stage draws, flat, with final positions (the bench's same-screen floor draws it again). */
  snapshot(): DrawnElement[];
  /** What the memory bench watches for growth: things the app could leak between cycles. */
  stats(): HookStats;
}

interface HookStats {
  /** Lightning's texture memory in use, in pixels (unused textures are kept up to memoryPressure). */
  texturePixels: number;
  /** Elements in the stage's tree (screens not freed would add up). */
  elements: number;
  /** Delayed events pending in the session's actor system (timers not cancelled would add up). */
  scheduledEvents: number;
}

interface ElementLike {
  __childList?: { _items?: ElementLike[] };
}

interface StageLike {
  readonly usedMemory: number;
  readonly root: unknown;
  forceRenderUpdate(): void;
  getCanvas(): HTMLCanvasElement;
  once(event: 'frameEnd', listener: () => void): void;
}

export const installTestHook = (stage: StageLike, getApp: () => App | undefined): TestHook => {
  const timeline: TimelineEntry[] = [];
  const stamp = (kind: TimelineEntry['kind'], value: string) => {
    timeline.push({ at: performance.now(), kind, value });
    if (timeline.length > TIMELINE_LIMIT) timeline.splice(0, timeline.length - TIMELINE_LIMIT);
  };
  // Capture phase on window: before Lightning's own key handling. A PIN digit is never recorded.
  window.addEventListener(
    'keydown',
    (event) => stamp('key', /^[0-9]$/.test(event.key) ? 'digit' : event.key),
    true,
  );
  followApp(stage, getApp, stamp);
  const hook: TestHook = {
    timeline,
    takeTimeline: () => timeline.splice(0),
    stats: () => {
      const system = getApp()?.session?.system as { _snapshot?: { _scheduledEvents?: object } } | undefined;
      return {
        texturePixels: stage.usedMemory,
        elements: countElements(stage.root as ElementLike),
        scheduledEvents: Object.keys(system?._snapshot?._scheduledEvents ?? {}).length,
      };
    },
    get screen() {
      return getApp()?.screen;
    },
    state: () => {
      const app = getApp();
      return {
        session: app?.session?.getSnapshot().value,
        flow: app?.flow?.getSnapshot().value,
        textSize: theme().textSize,
      };
    },
    showView: (view) => getApp()?.showFixedView(view),
    setLanguage: (language) => getApp()?.useLanguage(language),
    setTextSize: (size) => getApp()?.useTextSize(size),
    openHelp: (page) => getApp()?.$openHelp(page),
    closeHelp: () => getApp()?.$closeHelp(),
    layoutProblems: () => {
      const app = getApp();
      return app ? layoutProblems(app.application as never, theme()) : ['no app'];
    },
    snapshot: () => snapshotStage(stage.root),
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

/**
 * Stamps screen changes and every state change of the session and of its foreground flow. A child's
 * change does not make the session emit, so the flow is followed on its own (as SessionBinding does).
 */
function followApp(
  stage: StageLike,
  getApp: () => App | undefined,
  stamp: (kind: TimelineEntry['kind'], value: string) => void,
): void {
  const app = getApp();
  const session = app?.session;
  if (!app || !session) {
    stage.once('frameEnd', () => followApp(stage, getApp, stamp)); // not mounted yet
    return;
  }
  app.onScreen((screen) => stamp('screen', screen));
  let sessionValue = '';
  let flow: AnyActorRef | undefined;
  let flowValue = '';
  let flowSubscription: { unsubscribe(): void } | undefined;
  const onFlow = () => {
    const value = JSON.stringify(flow?.getSnapshot().value ?? null);
    if (value !== flowValue) stamp('flow', (flowValue = value));
  };
  const onSession = () => {
    const value = JSON.stringify(session.getSnapshot().value);
    if (value !== sessionValue) stamp('session', (sessionValue = value));
    const children = session.getSnapshot().children as Record<string, AnyActorRef | undefined>;
    const next = ['login', 'registration', 'health', 'booking', 'inbox', 'moving', 'companion']
      .map((id) => children[id])
      .find(Boolean);
    if (next !== flow) {
      flowSubscription?.unsubscribe();
      flow = next;
      flowValue = '';
      flowSubscription = next?.subscribe(onFlow);
      if (next) onFlow();
    }
  };
  session.subscribe(onSession);
  onSession();
}

/** Elements below (and with) `element`, through Lightning's child lists (private, read only). */
function countElements(element: ElementLike): number {
  let count = 1;
  for (const child of element.__childList?._items ?? []) count += countElements(child);
  return count;
}
