/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { expectTexts, itReadsInEnglish, itFitsInBothLanguages } from '../../../../app/testing/screen-harness';
import { servicesProps } from '../../testing/screen-fixtures';
import { MovingServices } from './MovingServices';

describe('MovingServices screen', () => {
  it('shows the new address and each service as a checkbox with a word; the focused one’s address', () => {
    const screen = renderScreen(MovingServices, servicesProps());
    expectTexts(screen, [
      '新しい住所：みどり市中央町四丁目8番1号 みどりハイツ305号室',
      '■ みどりケーブルテレビ',
      '知らせる',
      '□ みどり市国民健康保険',
      '知らせない',
      '✓ みどり市施設予約',
      '変更済み',
      'この先に登録中の住所：みどり市本町一丁目2番3号',
    ]);
  });

  it('OK toggles the focused service, Up/Down move, 次へ sends NEXT, Back sends BACK', () => {
    const screen = renderScreen(MovingServices, servicesProps());
    screen.press('Enter', 'Down', 'Enter', 'Down', 'Down', 'Down', 'Down', 'Enter', 'Up', 'Enter', 'Back');
    expect(screen.sent).toEqual([
      { type: 'TOGGLE', id: 'cable' },
      { type: 'TOGGLE', id: 'insurer' },
      { type: 'NEXT' },
      { type: 'TOGGLE', id: 'bank' },
      { type: 'BACK' },
    ]);
  });

  it('speaks the title, the new address, then what to do (or the warning), in that order', () => {
    const spoken = renderScreen(MovingServices, servicesProps()).screen.announcement();
    const order = [
      '住所変更：知らせる先',
      '新しい住所：みどり市中央町四丁目8番1号',
      '決定でチェックの付け外し',
    ].map((part) => spoken.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const warned = renderScreen(MovingServices, {
      ...servicesProps(),
      nothingChosen: true,
    }).screen.announcement();
    expect(warned).toContain('知らせる先を1つ以上選んでください');
    expect(warned).not.toContain('決定でチェックの付け外し');
  });

  it('the address under the list follows the focus; none under 次へ', () => {
    const screen = renderScreen(MovingServices, servicesProps());
    screen.press('Down', 'Down');
    expect(screen.texts()).toContain('この先に登録中の住所：みどり市中央町四丁目8番1号 みどりハイツ305号室');
    screen.press('Down', 'Down', 'Down');
    expect(screen.texts().join('')).not.toContain('この先に登録中の住所');
  });

  it('with nothing ticked, the warning takes the hint’s place', () => {
    const screen = renderScreen(MovingServices, servicesProps({ nothingChosen: true }));
    expect(screen.texts()).toContain('⚠\u00A0知らせる先を1つ以上選んでください。');
  });

  itReadsInEnglish(MovingServices, servicesProps(), [
    '■ Midori Cable TV',
    'Tell',
    "Don't tell",
    'Up to date',
  ]);

  itFitsInBothLanguages('keeps everything inside the safe area in both languages', MovingServices, [
    servicesProps(),
  ]);
});
