/** @jest-environment jsdom */
import { DEFAULT_SETTINGS } from '../../../../app/settings/settings';
import { renderScreen } from '../../../../app/testing/render';
import { expectTexts, layoutProblemsOf, itFitsInBothLanguages } from '../../../../app/testing/screen-harness';
import { InsertCard } from './InsertCard';

describe('InsertCard screen', () => {
  it('asks for the card in Japanese, with how to insert it', () => {
    const screen = renderScreen(InsertCard, {});
    expectTexts(screen, ['マイナンバーカードを差し込んでください', expect.stringMatching(/ICチップを上/)]);
    expect(screen.screen.announcement()).toMatch(/差し込んでください/);
  });

  it('reads in English when the viewer chose English', () => {
    const screen = renderScreen(InsertCard, {}, { language: 'en' });
    expect(screen.texts()).toContain('Please insert your My Number Card');
  });

  itFitsInBothLanguages(
    'keeps every text and the illustration inside the safe area, in large type',
    InsertCard,
    [{}],
  );

  it('sends nothing for keys: the card itself moves the session on', () => {
    const screen = renderScreen(InsertCard, {});
    screen.press('Enter', 'Digit1', 'Back');
    expect(screen.sent).toEqual([]);
  });
});

describe('InsertCard after the card was pulled', () => {
  it('says why the viewer is back, first in what is spoken, inside the safe area', () => {
    const screen = renderScreen(InsertCard, { notice: { key: 'cardRemoved' } });
    expect(screen.texts()).toContain(
      '⚠\u00A0カードが抜かれました。カードを差し直して、もう一度お試しください。',
    );
    expect(screen.screen.announcement()).toMatch(/^カードが抜かれました。.*差し込んでください。/);
    const cases = [
      { props: { notice: { key: 'cardRemoved' as const } } },
      { props: { notice: { key: 'loggedOutCardRemoved' as const } }, language: 'en' as const },
    ];
    expect(layoutProblemsOf(InsertCard, cases)).toEqual([]);
  });
});

describe("the operator's logo", () => {
  it('replaces the name in the top corner when the settings give one, inside the safe area', () => {
    const settings = { ...DEFAULT_SETTINGS, theme: { ...DEFAULT_SETTINGS.theme, logo: 'static/logo.svg' } };
    const screen = renderScreen(InsertCard, {}, { settings });
    const logo = screen.app.tag('Screen.Frame.Logo') as unknown as {
      visible: boolean;
      texture: { src: string; hasAlpha: boolean };
    };
    expect([logo.visible, logo.texture.src, logo.texture.hasAlpha]).toEqual([true, 'static/logo.svg', true]);
    expect(screen.texts()).not.toContain('ケーブルテレビ');
    expect(renderScreen(InsertCard, {}).texts()).toContain('ケーブルテレビ');
  });
});
