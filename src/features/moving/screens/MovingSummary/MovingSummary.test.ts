/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { expectTexts, itReadsInEnglish, itFitsInBothLanguages } from '../../../../app/testing/screen-harness';
import { summaryProps } from '../../testing/screen-fixtures';
import { MovingSummary } from './MovingSummary';

describe('MovingSummary screen', () => {
  it('shows the new address, the services to tell and the password’s tries', () => {
    const screen = renderScreen(MovingSummary, summaryProps);
    expectTexts(screen, [
      '新しい住所：みどり市中央町四丁目8番1号 みどりハイツ305号室',
      '署名用パスワード：あと5回まで入力できます（全5回）',
      '署名して同意する',
      '戻る',
    ]);
    expect(screen.texts().join('')).toContain('みどりケーブルテレビ、みどり市国民健康保険');
  });

  it('署名して同意する sends CONFIRM; 戻る and Back send BACK', () => {
    const screen = renderScreen(MovingSummary, summaryProps);
    screen.press('Enter', 'Right', 'Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'CONFIRM' }, { type: 'BACK' }, { type: 'BACK' }]);
  });

  it('speaks what it shows, in its order: title, address, services, the consent, the tries', () => {
    const spoken = renderScreen(MovingSummary, summaryProps).screen.announcement();
    const order = [
      '住所変更：確認と本人同意',
      '新しい住所：みどり市中央町四丁目8番1号',
      'みどりケーブルテレビ、みどり市国民健康保険',
      '署名用パスワードで同意します',
      'あと5回まで入力できます',
    ].map((part) => spoken.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('leaves the tries out when the count is not known', () => {
    const screen = renderScreen(MovingSummary, { newAddress: 'x', services: [] });
    expect(screen.texts().join('')).not.toContain('署名用パスワード：');
  });

  itReadsInEnglish(MovingSummary, summaryProps, [
    'Sign and consent',
    'Signature password: 5 of 5 tries left',
  ]);

  itFitsInBothLanguages(
    'keeps long names inside the safe area and clear of the buttons',
    MovingSummary,
    [summaryProps],
    { textClearsButtons: true },
  );
});
