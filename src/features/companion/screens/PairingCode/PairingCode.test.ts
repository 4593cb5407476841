/** @jest-environment jsdom */
import { renderScreen } from '../../../../app/testing/render';
import {
  expectTexts,
  inBothLanguages,
  itReadsInEnglish,
  layoutProblemsOf,
} from '../../../../app/testing/screen-harness';
import { defaultTheme, withTextSize } from '../../../../app/theme/tokens';
import { CODES } from '../../testing/pairing-data';
import { PairingCode, type PairingCodeProps } from './PairingCode';
import { spokenCode } from './spoken-code';

const shown: PairingCodeProps = {
  userCode: CODES.userCode,
  verificationUri: CODES.verificationUri,
  verificationUriComplete: CODES.verificationUriComplete,
  minutesLeft: 10,
  reconnecting: false,
};

describe('PairingCode screen', () => {
  it('shows the steps, the code in large type, the address to type and the time left', () => {
    const screen = renderScreen(PairingCode, shown);
    expectTexts(screen, [
      'スマートフォンとつなぐ',
      '1. スマートフォンのカメラで読み取る',
      '2. 画面の案内に従って承認',
      'BCDF-GHJK',
      '読み取れないときは、次を開いて番号を入力：',
      'https://platform.example/pair',
      'あと約10分有効です',
    ]);
  });

  it('speaks the code letter by letter, with the time left', () => {
    const screen = renderScreen(PairingCode, shown);
    expect(screen.screen.announcement()).toContain(
      '番号は、ビー・シー・ディー・エフ、ジー・エイチ・ジェー・ケー。あと約10分有効です。',
    );
    expect(spokenCode('BCDF-GHJK', 'en')).toBe('B C D F, G H J K');
  });

  it('says the time again only in the last minute', () => {
    const screen = renderScreen(PairingCode, shown);
    const before = screen.announced.length;
    screen.screen.update({ ...shown, minutesLeft: 2 });
    expect(screen.announced).toHaveLength(before);
    screen.screen.update({ ...shown, minutesLeft: 1 });
    expect(screen.announced.slice(before)).toEqual(['あと1分ほどで番号が使えなくなります']);
    expectTexts(screen, ['あと約1分有効です']);
  });

  it('says the service is hard to reach while polls are lost, the code still shown', () => {
    const screen = renderScreen(PairingCode, { ...shown, reconnecting: true });
    expectTexts(screen, [
      'つながりにくくなっています。このままお待ちください（あと約10分有効）',
      'BCDF-GHJK',
    ]);
  });

  it('Back leaves', () => {
    const screen = renderScreen(PairingCode, shown);
    screen.press('Enter', 'Back');
    expect(screen.sent).toEqual([{ type: 'BACK' }]);
  });

  itReadsInEnglish(PairingCode, shown, [
    'Connect a phone',
    "1. Scan with your phone's camera",
    'Or open this and enter the code:',
  ]);

  it('logging in by the phone: its own title, the app as the second step, and what is spoken', () => {
    const screen = renderScreen(PairingCode, { ...shown, login: true });
    expectTexts(screen, [
      'スマートフォンでログイン',
      '1. スマートフォンのカメラで読み取る',
      '2. デジタル認証アプリでカードを読み取る',
      'BCDF-GHJK',
    ]);
    expect(screen.screen.announcement()).toMatch(
      /^スマートフォンでログイン。.*デジタル認証アプリ.*番号は、ビー・/,
    );
    const english = renderScreen(PairingCode, { ...shown, login: true }, { language: 'en' });
    expect(english.texts()).toEqual(
      expect.arrayContaining(['Log in with your smartphone', '2. Read your card in the Digital Auth App']),
    );
  });

  it('lays out in ja and en, at 特大 too', () => {
    const reconnecting = { ...shown, reconnecting: true };
    expect(
      layoutProblemsOf(PairingCode, [
        ...inBothLanguages(shown),
        ...inBothLanguages(reconnecting),
        ...inBothLanguages({ ...shown, login: true as const }),
      ]),
    ).toEqual([]);
    for (const props of [reconnecting, { ...shown, login: true as const }]) {
      for (const language of ['ja', 'en'] as const) {
        const largest = renderScreen(PairingCode, props, {
          language,
          theme: withTextSize(defaultTheme, 'largest'),
        });
        expect(largest.layoutProblems()).toEqual([]);
      }
    }
  });
});
