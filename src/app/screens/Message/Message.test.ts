/** @jest-environment jsdom */
import { operatorWithHours } from '../../testing/operator-settings';
import { renderScreen } from '../../testing/render';
import type { MessageProps } from '../../view/app-view';
import { Message } from './Message';

const cardLocked: MessageProps = {
  tone: 'error',
  titleKey: 'common.title.error',
  body: { key: 'certificateExpiresSoon', params: { days: 12 } },
  rule: {
    ja: '前日の17時までに取り消してください。それより後の取り消しは、施設に電話でご連絡ください。長い説明が続く場合もあります。',
    en: 'Please cancel by 5 p.m. the day before. After that, please call the facility. The rule may be long and wrap to several lines.',
  },
  actions: [
    { labelKey: 'common.retry', event: { type: 'RETRY' } },
    { labelKey: 'common.cancel', event: { type: 'CANCEL' } },
  ],
  contact: true,
};

describe('Message screen', () => {
  it('shows the tone as an icon and a word, the title, body, rule and the operator contact', () => {
    const screen = renderScreen(Message, cardLocked, { settings: operatorWithHours });
    const texts = screen.texts();
    expect(texts).toEqual(
      expect.arrayContaining([
        'うまくいきませんでした',
        '⚠ エラー',
        expect.stringMatching(/あと12日です/),
        expect.stringMatching(/前日の17時まで/),
        'お困りのときは みなと湾岸ケーブルテレビジョン株式会社（0120-000-000）までお電話ください。',
        '受付時間：平日 9時〜18時（土日祝日と年末年始を除く）',
        'やり直す',
        'やめる',
      ]),
    );
  });

  it('shows a notice with ℹ and no contact line when the flow does not ask for it', () => {
    const screen = renderScreen(Message, { ...cardLocked, tone: 'notice', contact: false, rule: undefined });
    expect(screen.texts()).toContain('ℹ お知らせ');
    expect(screen.texts().join()).not.toMatch(/お電話ください/);
    expect(screen.texts().join()).not.toMatch(/前日の17時/);
  });

  it('reads in English', () => {
    const screen = renderScreen(Message, cardLocked, { language: 'en', settings: operatorWithHours });
    expect(screen.texts()).toEqual(
      expect.arrayContaining([
        'Something went wrong',
        '⚠ Error',
        expect.stringMatching(/Please cancel by 5 p\.m\./),
        'If you need help, please call Minato Bayside Cable Television Co., Ltd. (0120-000-000).',
        'Retry',
        'Stop',
      ]),
    );
  });

  it('OK sends the focused button event; Left/Right move; Back sends the last button event', () => {
    const screen = renderScreen(Message, cardLocked);
    screen.press('Enter');
    screen.press('Right', 'Right', 'Enter');
    screen.press('Left', 'Left', 'Enter');
    screen.press('Back');
    expect(screen.sent).toEqual([
      { type: 'RETRY' },
      { type: 'CANCEL' },
      { type: 'RETRY' },
      { type: 'CANCEL' },
    ]);
  });

  it('starts on the button the props name, and speaks that one', () => {
    const screen = renderScreen(Message, { ...cardLocked, focus: 1 });
    expect(screen.screen.announcement()).toMatch(/。やめる。$/);
    screen.press('Enter');
    expect(screen.sent).toEqual([{ type: 'CANCEL' }]);
  });

  it('speaks the title, the body and the first button', () => {
    const screen = renderScreen(Message, cardLocked);
    expect(screen.screen.announcement()).toBe(
      `うまくいきませんでした。${'カードの電子証明書の有効期限まで、あと12日です。期限が切れると、この窓口は使えなくなります。お住まいの市区町村の窓口で更新してください（マイナンバーカードをお持ちください）'}。やり直す。`,
    );
    expect(screen.announced).toContain('やり直す');
  });

  it('keeps long messages inside the safe area in large type, in ja and en', () => {
    expect(renderScreen(Message, cardLocked, { settings: operatorWithHours }).layoutProblems()).toEqual([]);
    expect(
      renderScreen(Message, cardLocked, { settings: operatorWithHours, language: 'en' }).layoutProblems(),
    ).toEqual([]);
  });
});
