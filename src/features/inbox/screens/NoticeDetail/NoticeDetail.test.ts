/** @jest-environment jsdom */
import { CHECKUP_INVITATION, HALL_REOPENING, LONG_NOTICE, MAINTENANCE } from '../../testing/inbox-data';
import { renderScreen } from '../../../../app/testing/render';
import {
  expectTexts,
  inBothLanguages,
  itSends,
  layoutProblemsOf,
} from '../../../../app/testing/screen-harness';
import { defaultTheme, withTextSize } from '../../../../app/theme/tokens';
import type { AppKey } from '../../../../app/keys/keymap';
import { NoticeDetail, type NoticeDetailProps } from './NoticeDetail';

const shown = (notice: NoticeDetailProps['notice'], page = 0): NoticeDetailProps => ({
  ...(notice ? { notice } : {}),
  loading: false,
  readNotRecorded: false,
  saving: false,
  page,
});

/** Renders `props` and plays the flow's part: a PAGE the screen sends comes back as its props. */
function withFlow(props: NoticeDetailProps, options: Parameters<typeof renderScreen>[2] = {}) {
  const screen = renderScreen(NoticeDetail, props, options);
  const press = (...keys: AppKey[]) => {
    for (const key of keys) {
      const before = screen.sent.length;
      screen.press(key);
      const event = screen.sent[before];
      if (event?.type === 'PAGE') {
        screen.sent.splice(before, 1);
        screen.update({ ...props, page: event.page as number });
      }
    }
  };
  return { ...screen, press, texts: () => screen.texts(), layoutProblems: () => screen.layoutProblems() };
}
const long = shown(LONG_NOTICE);
/** The invitation cut short enough for one page at 標準. */
const invitation = shown({ ...CHECKUP_INVITATION, body: CHECKUP_INVITATION.body.split('\n')[0]! });

describe('NoticeDetail screen', () => {
  it('shows the title, sender and day, the text and the buttons; speaks them in order', () => {
    const screen = renderScreen(NoticeDetail, invitation);
    expectTexts(screen, [
      '特定健康診査（特定健診）受診券のご案内',
      '窓口町役場\u30002026年11月28日',
      '健診結果を見る',
      '保存する',
      '削除',
    ]);
    expect(screen.texts().join('')).toContain('今年度の特定健康診査の受診券を発行しました。');
    const spoken = screen.screen.announcement();
    expect(spoken.indexOf('窓口町役場からのお知らせ')).toBe(0);
    expect(spoken.indexOf('受診券のご案内')).toBeLessThan(spoken.indexOf('今年度の'));
    expect(spoken).toMatch(/保存、削除ができます/);
  });

  itSends(
    'a one-page notice starts on its buttons: action, keep, delete',
    NoticeDetail,
    invitation,
    ['Enter', 'Right', 'Enter', 'Right', 'Enter', 'Back'],
    [{ type: 'ACTION' }, { type: 'KEEP' }, { type: 'DELETE' }, { type: 'BACK' }],
  );

  it('a facility notice offers booking; a kept one offers to stop keeping', () => {
    expectTexts(renderScreen(NoticeDetail, shown(HALL_REOPENING)), ['施設を予約する']);
    const kept = renderScreen(NoticeDetail, shown({ ...MAINTENANCE, kept: true }));
    expectTexts(kept, ['保存をやめる', '窓口町ケーブルテレビ\u30002026年11月18日\u3000保存済み']);
    expect(kept.texts()).not.toContain('健診結果を見る');
  });

  it('pages a long notice with ↓/→ and ↑/←, says each page, then goes down to the buttons', () => {
    const screen = withFlow(long);
    const page = () => screen.texts().find((text) => /^\d+\/\d+ページ$/.test(text));
    const pages = Number(page()!.split('/')[1]!.replace('ページ', ''));
    expect(page()).toBe(`1/${pages}ページ`);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(screen.texts().join('')).toContain('1. 窓口町では');
    screen.press('Down');
    expect(page()).toBe(`2/${pages}ページ`);
    expect(screen.announced.at(-1)).toMatch(new RegExp(`^${pages}ページ中2ページ目。`));
    screen.press('Right', 'Up', 'Left');
    expect(page()).toBe(`1/${pages}ページ`);
    screen.press(...Array.from({ length: pages - 1 }, () => 'Down' as const));
    expect(page()).toBe(`${pages}/${pages}ページ`);
    expect(screen.texts().join('')).toContain('8. 窓口町では');
    expect(screen.announced.at(-1)).toMatch(/保存、削除ができます/);
    expect(screen.sent).toEqual([]);
    screen.press('Down', 'Enter');
    expect(screen.sent).toEqual([{ type: 'KEEP' }]);
    screen.press('Up', 'Up');
    expect(page()).toBe(`${pages - 1}/${pages}ページ`);
  });

  it('says when the read could not be recorded, and while it is being kept', () => {
    expectTexts(renderScreen(NoticeDetail, { ...shown(MAINTENANCE), readNotRecorded: true }), [
      '⚠\u00A0既読の記録ができませんでした。次に開いたときに、もう一度記録します。',
    ]);
    expectTexts(renderScreen(NoticeDetail, { ...shown(MAINTENANCE), saving: true }), ['保存しています…']);
  });

  it('says it is loading, with only Back', () => {
    const screen = renderScreen(NoticeDetail, {
      loading: true,
      readNotRecorded: false,
      saving: false,
      page: 0,
    });
    expect(screen.screen.announcement()).toBe('読み込み中です。しばらくお待ちください。');
    screen.press('Enter', 'Down', 'Back');
    expect(screen.sent).toEqual([{ type: 'BACK' }]);
  });

  it('reads in English', () => {
    const screen = renderScreen(NoticeDetail, shown(CHECKUP_INVITATION), { language: 'en' });
    expectTexts(screen, ['Your specific health checkup voucher', 'See checkup results', 'Keep', 'Delete']);
  });

  it('lays out on every page in ja and en, with the note, and at 特大', () => {
    const cases = [
      ...inBothLanguages(long),
      ...inBothLanguages(shown(LONG_NOTICE, 2)),
      ...inBothLanguages({ ...shown(CHECKUP_INVITATION), readNotRecorded: true }),
    ];
    expect(layoutProblemsOf(NoticeDetail, cases, { textClearsButtons: true })).toEqual([]);
    const largest = withFlow(long, { theme: withTextSize(defaultTheme, 'largest') });
    largest.press('Down');
    expect(largest.texts().some((text) => text.startsWith('2/'))).toBe(true);
    expect(largest.layoutProblems()).toEqual([]);
  });
});
