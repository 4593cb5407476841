/**
 * What the screen tests check over and over, written once on top of `renderScreen`: the texts a
 * screen shows, and a layout check run over a table of views, languages and keys pressed. Each
 * check names the case that failed, so one table can replace a block of copied expectations
 * without hiding which view broke.
 *
 *   expectTexts(renderScreen(RoomList, props), ['部屋を選ぶ', '× 空きなし']);
 *   itReadsInEnglish(RoomList, props, ['Choose a room', '× full']);
 *   itSends('OK picks the free room', RoomList, props, ['Enter'], [{ type: 'SELECT', id: 'r2' }]);
 *   expect(layoutProblemsOf(RoomList, inBothLanguages(props), { textClearsButtons: true })).toEqual([]);
 *   itFitsInBothLanguages('keeps long names inside the safe area', RoomList, [props]);
 */
import type { LanguageCode } from '../i18n/i18n';
import type { AppKey } from '../keys/keymap';
import { boxes } from '../layout-check/layout';
import type { Screen } from '../screens/Screen';
import { renderScreen, type Rendered } from './render';

export type ScreenType<Props> = new (...args: never[]) => Screen<Props>;

/** Expects every one of `texts` on screen; others may be there too. */
export function expectTexts(rendered: Rendered<unknown>, texts: string[]): void {
  expect(rendered.texts()).toEqual(expect.arrayContaining(texts));
}

/** The test that `ScreenClass` with `props` reads in English: every one of `texts` is on screen. */
export function itReadsInEnglish<Props>(ScreenClass: ScreenType<Props>, props: Props, texts: string[]): void {
  it('reads in English', () => {
    expectTexts(renderScreen(ScreenClass, props, { language: 'en' }), texts);
  });
}

/** The test that pressing `keys` on `ScreenClass` with `props` sends exactly `events`, in order. */
export function itSends<Props>(
  what: string,
  ScreenClass: ScreenType<Props>,
  props: Props,
  keys: AppKey[],
  events: Rendered<Props>['sent'],
): void {
  it(what, () => {
    const screen = renderScreen(ScreenClass, props);
    screen.press(...keys);
    expect(screen.sent).toEqual(events);
  });
}

/** `key` pressed `times` times, for scrolling a list to a row. */
export const pressed = (key: AppKey, times: number): AppKey[] => Array.from({ length: times }, () => key);

/** One view to check: its props, the language (ja unless said) and the keys pressed before. */
export interface LayoutCase<Props> {
  props: Props;
  language?: LanguageCode;
  keys?: AppKey[];
}

/** The same view in Japanese and in English, after the same keys. */
export const inBothLanguages = <Props>(props: Props, keys: AppKey[] = []): Array<LayoutCase<Props>> => [
  { props, language: 'ja', keys },
  { props, language: 'en', keys },
];

/**
 * Texts (outside the frame) that reach below the top of the screen's `Buttons`: a line hidden
 * behind a button is not read. [] when there are no buttons.
 */
function textsBehindButtons(rendered: Rendered<unknown>): string[] {
  const all = boxes(rendered.app);
  const buttonsTop = Math.min(...all.filter((b) => b.path.includes('/Buttons/')).map((b) => b.y));
  return all
    .filter((b) => b.text && !b.path.includes('/Buttons/') && !b.path.includes('/Frame/'))
    .filter((b) => b.y + b.h > buttonsTop)
    .map((b) => `${b.path} ends at ${b.y + b.h}, below the buttons' top ${buttonsTop}`);
}

/**
 * Safe-area, type-size and overlap problems of every case (and, with `textClearsButtons`, text
 * behind the buttons), each prefixed with its case; [] when every case is fine.
 */
export function layoutProblemsOf<Props>(
  ScreenClass: ScreenType<Props>,
  cases: Array<LayoutCase<Props>>,
  options: { textClearsButtons?: boolean } = {},
): string[] {
  return cases.flatMap(({ props, language = 'ja', keys = [] }, index) => {
    const rendered = renderScreen(ScreenClass, props, { language });
    rendered.press(...keys);
    const problems = [
      ...rendered.layoutProblems(),
      ...(options.textClearsButtons ? textsBehindButtons(rendered as Rendered<unknown>) : []),
    ];
    return problems.map((problem) => `case ${index} (${language}, ${keys.length} keys): ${problem}`);
  });
}

/**
 * The test `name`: each of `views` lays out without problems in Japanese and in English (see
 * `layoutProblemsOf`).
 */
export function itFitsInBothLanguages<Props>(
  name: string,
  ScreenClass: ScreenType<Props>,
  views: Props[],
  options: { textClearsButtons?: boolean } = {},
): void {
  it(name, () => {
    const cases = views.flatMap((props) => inBothLanguages(props));
    expect(layoutProblemsOf(ScreenClass, cases, options)).toEqual([]);
  });
}
