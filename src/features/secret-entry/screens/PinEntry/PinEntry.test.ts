/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { itFitsInBothLanguages, itSends } from '../../../../app/testing/screen-harness';
import { pinEntryTyping as typing } from '../../testing/keypad-props';
import { itAsksAboutTheLastTry } from '../../testing/last-try';
import { PinEntry } from './PinEntry';
const dots = (texts: string[]) => texts.filter((text) => text === '●').length;

describe('PinEntry screen', () => {
  it('asks for the PIN in Japanese: title, instruction, ● per typed digit, tries left, how to type', () => {
    const screen = renderScreen(PinEntry, typing());
    const texts = screen.texts();
    expect(texts).toEqual(
      expect.arrayContaining([
        '暗証番号を入力してください',
        '利用者証明用の暗証番号（数字4けた）を入力してください。',
        '入力できるのは、あと3回です。',
        expect.stringMatching(/数字ボタンで入力.*「戻る」で1文字消し.*「決定」で確認/),
      ]),
    );
    expect(dots(texts)).toBe(2);
    expect(texts.some((text) => /\d{2,}/.test(text) && !/4けた/.test(text))).toBe(false);
  });

  it('names registration as its third step', () => {
    const screen = renderScreen(PinEntry, typing({ purpose: 'registration' }));
    expect(screen.texts()).toContain('利用者登録 3/3：暗証番号');
  });

  it('reads in English when the viewer chose English', () => {
    const screen = renderScreen(PinEntry, typing({ triesLeft: 2 }), { language: 'en' });
    expect(screen.texts()).toEqual(
      expect.arrayContaining(['Please enter your PIN', 'You have 2 tries left.']),
    );
  });

  it('shows the error of the last try with the warning sign, and does not repeat the tries left', () => {
    const error = { key: 'pinIncorrect' as const, params: { triesLeft: 2 } };
    const screen = renderScreen(PinEntry, typing({ digits: 0, triesLeft: 2, error }));
    expect(screen.texts()).toContain('⚠\u00A0暗証番号が違います。入力できるのは、あと2回です。');
    expect(screen.texts()).not.toContain('入力できるのは、あと2回です。');
    expect(dots(screen.texts())).toBe(0);
  });

  itSends(
    'sends DIGIT for number buttons, BACK for Back, OK for Enter',
    PinEntry,
    typing({ digits: 0 }),
    ['Digit1', 'Digit0', 'Back', 'Enter'],
    [{ type: 'DIGIT', digit: '1' }, { type: 'DIGIT', digit: '0' }, { type: 'BACK' }, { type: 'OK' }],
  );

  it('announces the title, the instruction and the tries left, never a digit', () => {
    const screen = renderScreen(PinEntry, typing());
    const spoken = screen.screen.announcement();
    expect(spoken).toMatch(/暗証番号を入力してください/);
    expect(spoken).toMatch(/数字4けた/);
    expect(spoken).toMatch(/あと3回/);
  });

  it('speaks a new error on the same screen, once', () => {
    const screen = renderScreen(PinEntry, typing());
    const error = { key: 'pinIncorrect' as const, params: { triesLeft: 2 } };
    screen.update(typing({ digits: 0, triesLeft: 2, error }));
    screen.update(typing({ digits: 0, triesLeft: 2, error }));
    expect(screen.announced.filter((text) => /暗証番号が違います/.test(text))).toHaveLength(1);
  });

  it('says it is checking while the card is read', () => {
    const screen = renderScreen(PinEntry, typing({ digits: 4 }));
    screen.update(typing({ digits: 4, waiting: true }));
    expect(screen.texts()).toContain('確認しています…');
    expect(screen.announced).toContain('確認しています…');
  });

  describe('last try', () => {
    const confirming = typing({ digits: 4, triesLeft: 1, confirmingLastAttempt: true });

    itAsksAboutTheLastTry(PinEntry, confirming);

    it('確認する sends CONFIRM and 入力し直す BACK, moving with Left/Right; no tries line', () => {
      const screen = renderScreen(PinEntry, confirming);
      expect(screen.texts()).not.toContain('入力できるのは、あと1回です。');
      screen.press('Enter');
      screen.press('Right', 'Enter');
      screen.press('Left', 'Enter');
      screen.press('Back');
      screen.press('Digit5');
      expect(screen.sent).toEqual([
        { type: 'CONFIRM' },
        { type: 'BACK' },
        { type: 'CONFIRM' },
        { type: 'BACK' },
      ]);
    });

    it('speaks the warning when it appears and in its announcement', () => {
      const screen = renderScreen(PinEntry, typing({ digits: 4, triesLeft: 1 }));
      screen.update(confirming);
      // The warning first, then the focused button's label.
      const warning = screen.announced.findIndex((text) => /残り1回です/.test(text));
      expect(warning).toBeGreaterThanOrEqual(0);
      expect(screen.announced.indexOf('確認する')).toBeGreaterThan(warning);
      expect(screen.screen.announcement()).toMatch(/残り1回です/);
    });
  });

  itFitsInBothLanguages(
    'keeps everything inside the safe area, in large type, with the longest messages',
    PinEntry,
    [
      typing({
        purpose: 'registration',
        digits: 3,
        triesLeft: 1,
        error: { key: 'lastAttemptConfirm', params: { triesLeft: 1 } },
        waiting: false,
      }),
      typing({ error: { key: 'CHALLENGE_EXPIRED' } }),
    ],
  );

  it('draws four boxes of at least 120 px', () => {
    const screen = renderScreen(PinEntry, typing());
    const boxes = screen.screen.tag('Column.Boxes')?.children ?? [];
    expect(boxes).toHaveLength(4);
    for (const box of boxes) expect(Math.min(box.w, box.h)).toBeGreaterThanOrEqual(120);
  });
});
