/**
 * The last-try question as both secret screens (PinEntry, SignPassword) ask it, for their tests:
 * the warning with the tries left, then 確認する and 入力し直す, inside the safe area in ja and en.
 */
import { renderScreen } from '../../../app/testing/render';
import { expectTexts, itFitsInBothLanguages, type ScreenType } from '../../../app/testing/screen-harness';

/** The tests that `ScreenClass` with `confirming` props asks the last-try question, and fits. */
export function itAsksAboutTheLastTry<Props>(ScreenClass: ScreenType<Props>, confirming: Props): void {
  it('warns that one try is left and offers 確認する and 入力し直す', () => {
    expectTexts(renderScreen(ScreenClass, confirming), [
      expect.stringMatching(/^⚠\u00A0残り1回です。/),
      '確認する',
      '入力し直す',
    ]);
  });
  itFitsInBothLanguages('fits the safe area in both languages', ScreenClass, [confirming]);
}
