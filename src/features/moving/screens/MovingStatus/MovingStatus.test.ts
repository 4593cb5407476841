/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { expectTexts, itReadsInEnglish, itFitsInBothLanguages } from '../../../../app/testing/screen-harness';
import { mixedProps, pollingProps } from '../../testing/screen-fixtures';
import { MovingStatus } from './MovingStatus';

describe('MovingStatus screen', () => {
  it('while polling: each service with a mark and a word, that it updates by itself, and お知らせ', () => {
    const screen = renderScreen(MovingStatus, pollingProps);
    expectTexts(screen, [
      'みどりケーブルテレビ',
      '✓ 完了',
      '○ 受付済み',
      '… 送信中',
      '状況は自動で新しくなります。',
      '結果は「お知らせ」にも届きます。',
    ]);
  });

  it('final and mixed: the focus on the service needing the viewer, with its reason', () => {
    const screen = renderScreen(MovingStatus, mixedProps);
    expectTexts(screen, ['⚠ 要対応', '手続きが必要な先があります。']);
    expect(screen.texts()).toContain(
      '⚠\u00A0お客さま番号の確認が必要です。みどり電力・ガス（0120-111-222）へお電話ください。',
    );
    expect(screen.screen.announcement()).toContain('みどり電力・ガス 要対応');
    screen.press('Up');
    expect(screen.texts()).toContain(
      '「要対応」の先を選ぶと、必要な手続きが表示されます。結果は「お知らせ」にも届きます。',
    );
  });

  it('a refresh keeps the viewer’s row; the first 要対応 takes the focus when it appears', () => {
    const screen = renderScreen(MovingStatus, pollingProps);
    screen.press('Down');
    screen.update(pollingProps);
    screen.press('Enter');
    expect(screen.sent).toEqual([]);
    screen.update(mixedProps);
    expect(screen.texts().join('')).toContain('お客さま番号の確認が必要です');
  });

  it('ホームへ and Back send OK', () => {
    const screen = renderScreen(MovingStatus, pollingProps);
    screen.press('Down', 'Down', 'Down', 'Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'OK' }, { type: 'OK' }]);
  });

  itReadsInEnglish(MovingStatus, mixedProps, ['✓ Done', '⚠ Action needed', 'Home']);

  itFitsInBothLanguages('keeps everything inside the safe area in both languages', MovingStatus, [
    pollingProps,
    mixedProps,
  ]);
});
