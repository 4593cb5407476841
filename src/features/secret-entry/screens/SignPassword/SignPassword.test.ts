/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import { itFitsInBothLanguages, itSends } from '../../../../app/testing/screen-harness';
import { signPasswordTyping as entry } from '../../testing/keypad-props';
import { itAsksAboutTheLastTry } from '../../testing/last-try';
import { SignPassword } from './SignPassword';

describe('SignPassword screen', () => {
  it('asks for the password in Japanese with a keypad A–Z, 0–9, 消す and 決定; typed characters as ●', () => {
    const screen = renderScreen(SignPassword, entry());
    const texts = screen.texts();
    expect(texts).toEqual(
      expect.arrayContaining([
        '利用者登録 2/3：パスワード',
        '署名用電子証明書のパスワード（英大文字と数字、6〜16文字）を入力してください。',
        '●●●',
        '3文字 / 16',
        '入力できるのは、あと5回です。',
        expect.stringMatching(/矢印で文字を選んで/),
        'A',
        'Z',
        '0',
        '9',
        '消す',
        '決定',
      ]),
    );
  });

  it('reads in English when the viewer chose English', () => {
    const screen = renderScreen(SignPassword, entry(), { language: 'en' });
    expect(screen.texts()).toEqual(
      expect.arrayContaining(['Sign-up 2/3: Password', 'Delete', 'Done', 'You have 5 tries left.']),
    );
  });

  it('types the focused key with OK and moves with the arrows', () => {
    const screen = renderScreen(SignPassword, entry());
    screen.press('Enter'); // A
    screen.press('Right', 'Enter'); // B
    screen.press('Down', 'Enter'); // L
    screen.press('Down', 'Down', 'Enter'); // 5 (row 4, column 2)
    screen.press('Left', 'Left', 'Left', 'Enter'); // 4: the row's first key stops the move
    expect(screen.sent).toEqual([
      { type: 'CHAR', char: 'A' },
      { type: 'CHAR', char: 'B' },
      { type: 'CHAR', char: 'L' },
      { type: 'CHAR', char: '5' },
      { type: 'CHAR', char: '4' },
    ]);
  });

  it('消す sends BACK and 決定 sends OK; Up from them lands on the key above', () => {
    const screen = renderScreen(SignPassword, entry());
    screen.press('Down', 'Down', 'Down'); // 4
    screen.press('Right', 'Right', 'Right', 'Right', 'Right', 'Right', 'Enter'); // 消す
    screen.press('Right', 'Enter', 'Right', 'Enter'); // 決定 (no move past the end)
    screen.press('Up', 'Enter'); // 2 (row 3, column 8)
    expect(screen.sent).toEqual([
      { type: 'BACK' },
      { type: 'OK' },
      { type: 'OK' },
      { type: 'CHAR', char: '2' },
    ]);
  });

  itSends(
    'types digits straight from the number buttons; Back deletes',
    SignPassword,
    entry(),
    ['Digit7', 'Back'],
    [{ type: 'CHAR', char: '7' }, { type: 'BACK' }],
  );

  it("types letters from a development keyboard's A–Z keys", () => {
    const screen = renderScreen(SignPassword, entry());
    screen.pressCode(65, 90, 49);
    expect(screen.sent).toEqual([
      { type: 'CHAR', char: 'A' },
      { type: 'CHAR', char: 'Z' },
      { type: 'CHAR', char: '1' },
    ]);
  });

  it('speaks each key as it takes the focus, and the instruction with the tries left on arrival', () => {
    const screen = renderScreen(SignPassword, entry());
    screen.press('Right');
    expect(screen.announced).toContain('B');
    const spoken = screen.screen.announcement();
    expect(spoken).toMatch(/6〜16文字/);
    expect(spoken).toMatch(/あと5回/);
  });

  it('shows and speaks a wrong password, without repeating the tries left', () => {
    const screen = renderScreen(SignPassword, entry({ length: 6 }));
    const error = { key: 'signPasswordIncorrect' as const, params: { triesLeft: 4 } };
    screen.update(entry({ length: 0, triesLeft: 4, error }));
    expect(screen.texts()).toContain('⚠\u00A0パスワードが違います。入力できるのは、あと4回です。');
    expect(screen.texts()).not.toContain('入力できるのは、あと4回です。');
    expect(screen.announced).toContain('パスワードが違います。入力できるのは、あと4回です。');
  });

  describe('last try', () => {
    const confirming = entry({ length: 8, triesLeft: 1, confirmingLastAttempt: true });

    itAsksAboutTheLastTry(SignPassword, confirming);

    it('hides the keypad; 確認する sends CONFIRM, 入力し直す and Back send BACK', () => {
      const screen = renderScreen(SignPassword, confirming);
      expect(screen.texts()).not.toContain('A');
      screen.press('Enter', 'Right', 'Enter', 'Back', 'Digit3');
      expect(screen.sent).toEqual([{ type: 'CONFIRM' }, { type: 'BACK' }, { type: 'BACK' }]);
      expect(screen.screen.announcement()).toMatch(/残り1回です/);
    });
  });

  itFitsInBothLanguages(
    'keeps everything inside the safe area, in large type, with 16 characters and the longest errors',
    SignPassword,
    [
      entry({ length: 16, triesLeft: 1, error: { key: 'lastAttemptConfirm', params: { triesLeft: 1 } } }),
      entry({ length: 16, error: { key: 'CHALLENGE_EXPIRED' } }),
    ],
  );
});
