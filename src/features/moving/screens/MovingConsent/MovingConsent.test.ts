/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { expectTexts, itReadsInEnglish, itFitsInBothLanguages } from '../../../../app/testing/screen-harness';
import { MovingConsent } from './MovingConsent';

describe('MovingConsent screen', () => {
  it('says what is fetched, from where and why, before anything is', () => {
    const screen = renderScreen(MovingConsent, {});
    expectTexts(screen, [
      '住所変更：情報の取得',
      '取得するもの：氏名・住所・生年月日・性別（最新の基本4情報）。',
      '同意する',
      'やめる',
    ]);
    expect(screen.screen.announcement()).toContain('地方公共団体情報システム機構（J-LIS）');
  });

  it('同意する sends CONFIRM; やめる and Back send BACK', () => {
    const screen = renderScreen(MovingConsent, {});
    screen.press('Enter', 'Right', 'Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'CONFIRM' }, { type: 'BACK' }, { type: 'BACK' }]);
  });

  itReadsInEnglish(MovingConsent, {}, [
    'I agree',
    'Stop',
    'We get your name, address, date of birth and sex.',
  ]);

  itFitsInBothLanguages(
    'keeps every line inside the safe area and clear of the buttons',
    MovingConsent,
    [{}],
    {
      textClearsButtons: true,
    },
  );
});
