/**
 * Component tests with the real Lightning renderer in jsdom (WebGL through jest-webgl-canvas-mock):
 * the real element tree, layout, focus path and key routing. The mock's measureText knows no font
 * sizes, so it is replaced by an estimate (CJK one em, Latin 0.6 em) that makes wrapping and text
 * bounds realistic enough for the safe-area and size checks; the WPE gallery test checks the same
 * screens with real glyphs.
 *
 *   /** @jest-environment jsdom *\/
 *   import { renderScreen } from '../../testing/render';
 *   const screen = renderScreen(PinEntry, view);
 *   screen.press('Digit1'); expect(screen.sent).toEqual([{ type: 'DIGIT', digit: '1' }]);
 */
import 'jest-webgl-canvas-mock';
import { Lightning } from '@lightningjs/sdk';
import { addTranslations, initI18n, type LanguageCode } from '../i18n/i18n';
import booking from '../../features/booking/strings.json';
import companion from '../../features/companion/strings.json';
import health from '../../features/health/strings.json';
import inbox from '../../features/inbox/strings.json';
import moving from '../../features/moving/strings.json';
import registration from '../../features/registration/strings.json';
import { decodeKey, keyEventOf, lightningKeys, type AppKey, type KeyEventLike } from '../keys/keymap';
import type { AppEvent, Screen } from '../screens/Screen';
import { DEFAULT_SETTINGS, setSettings, type AppSettings } from '../settings/settings';
import { defaultTheme, setTheme, type Theme } from '../theme/tokens';
import { useJapaneseLineBreaks } from '../theme/line-break';
import { layoutProblems, visibleTexts } from '../layout-check/layout';
import { rebuildTemplatesOnThemeChange } from '../theme/theme-templates';

rebuildTemplatesOnThemeChange();

const fontSizeOf = (font: string) => Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 16);
const isWide = (code: number) => code >= 0x2e80 || (code >= 0xff00 && code <= 0xffef);

/** Replaces the canvas mock's measureText with the estimate above (each render does it). */
export function installMeasureText() {
  const proto = (window as unknown as { CanvasRenderingContext2D: { prototype: Record<string, unknown> } })
    .CanvasRenderingContext2D.prototype;
  proto.measureText = function measureText(this: { font: string }, text: string) {
    const size = fontSizeOf(this.font);
    let width = 0;
    for (const char of String(text)) width += isWide(char.codePointAt(0) ?? 0) ? size : size * 0.6;
    return { width, actualBoundingBoxAscent: size * 0.8, actualBoundingBoxDescent: size * 0.2 };
  };
}

/** A keydown as the box delivers it: decoded once by the key path, then routed by Lightning. */
export const deliverKey = (app: Lightning.Application, event: KeyEventLike): void => {
  decodeKey(event);
  (app as unknown as { _receiveKeydown(e: KeyEventLike): void })._receiveKeydown(event);
};

export interface RenderOptions {
  language?: LanguageCode;
  theme?: Theme;
  settings?: AppSettings;
}

export interface Rendered<Props> {
  app: Lightning.Application;
  screen: Screen<Props>;
  /** Events the screen sent, in order. */
  sent: AppEvent[];
  /** What was given to the voice, in order. */
  announced: string[];
  press(...keys: AppKey[]): void;
  /** Raw key codes (keys without a name in the key map, e.g. a keyboard's letters). */
  pressCode(...codes: number[]): void;
  update(props: Props): void;
  /** Every text on screen (visible, non-empty), top to bottom. */
  texts(): string[];
  /** Safe area, type size and overlap problems; [] when the screen is fine. */
  layoutProblems(): string[];
  destroy(): void;
}

const live: Array<{ destroy(): void }> = [];
afterEach(() => live.splice(0).forEach((rendered) => rendered.destroy()));

/** Mounts `ScreenClass` full-screen, gives it `props`, focuses it and draws a frame. */
export function renderScreen<Props>(
  ScreenClass: new (...args: never[]) => Screen<Props>,
  props: Props,
  options: RenderOptions = {},
): Rendered<Props> {
  installMeasureText();
  useJapaneseLineBreaks();
  // Every family's strings, also those the app loads with their chunk (screens/families.ts).
  addTranslations(registration);
  addTranslations(health);
  addTranslations(inbox);
  addTranslations(booking);
  addTranslations(moving);
  addTranslations(companion);
  initI18n(options.language ?? 'ja');
  const theme = options.theme ?? defaultTheme;
  setTheme(theme);
  setSettings(options.settings ?? DEFAULT_SETTINGS);
  const sent: AppEvent[] = [];
  const announced: string[] = [];

  class Harness extends Lightning.Application {
    static override _template() {
      return { w: 1920, h: 1080, rect: true, color: theme.colors.background, Screen: { type: ScreenClass } };
    }
    override _getFocused() {
      return this.tag('Screen') as unknown as Lightning.Component;
    }
    $send(event: AppEvent) {
      sent.push(event);
    }
    $announce(text: string) {
      announced.push(text);
    }
  }

  const app = new Harness({
    stage: { w: 1920, h: 1080, autostart: false, useImageWorker: false },
    keys: lightningKeys(),
  } as never);
  const screen = app.tag('Screen') as unknown as Screen<Props>;
  const draw = () => {
    app.stage.drawFrame();
    app.stage.drawFrame();
  };
  screen.update(props);
  draw();

  const rendered: Rendered<Props> = {
    app,
    screen,
    sent,
    announced,
    press(...keys) {
      for (const key of keys) {
        deliverKey(app, { ...keyEventOf(key) });
        draw();
      }
    },
    pressCode(...codes) {
      for (const keyCode of codes) {
        deliverKey(app, { keyCode });
        draw();
      }
    },
    update(next) {
      screen.update(next);
      draw();
    },
    texts: () => visibleTexts(app),
    layoutProblems: () => layoutProblems(app, theme),
    destroy() {
      app.stage.stop?.();
      app.destroy?.();
    },
  };
  live.push(rendered);
  return rendered;
}
