/** @jest-environment jsdom */
import { renderScreen } from '../../testing/render';
import { Screen } from '../../screens/Screen';
import { IdleWarning } from './IdleWarning';

/** A tiny screen that shows the warning, as the shell would, over some content. */
class WarningHost extends Screen<{ seconds: number }> {
  static override _template() {
    return { Warning: { type: IdleWarning } };
  }
  get warning() {
    return this.tag('Warning') as unknown as IdleWarning;
  }
  protected render({ seconds }: { seconds: number }) {
    this.warning.show(seconds);
  }
  announcement() {
    return this.warning.announcement();
  }
  override _getFocused() {
    return this.warning;
  }
}

describe('IdleWarning overlay', () => {
  afterEach(() => jest.useRealTimers());

  it('says the viewer will be logged out and counts down each second', () => {
    jest.useFakeTimers();
    const rendered = renderScreen(WarningHost, { seconds: 30 });
    expect(rendered.texts()).toEqual(
      expect.arrayContaining([
        '続けますか？',
        expect.stringMatching(/30秒後にログアウトします/),
        'あと 30 秒',
        '続ける',
      ]),
    );
    jest.advanceTimersByTime(3000);
    rendered.app.stage.drawFrame();
    expect(rendered.texts()).toContain('あと 27 秒');
    jest.advanceTimersByTime(60_000);
    rendered.app.stage.drawFrame();
    expect(rendered.texts()).toContain('あと 0 秒');
  });

  it('hides and stops counting', () => {
    jest.useFakeTimers();
    const rendered = renderScreen(WarningHost, { seconds: 30 });
    (rendered.screen as unknown as WarningHost).warning.hide();
    rendered.app.stage.drawFrame();
    expect(rendered.texts()).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('reads in English and speaks the warning', () => {
    const rendered = renderScreen(WarningHost, { seconds: 20 }, { language: 'en' });
    expect(rendered.texts()).toEqual(expect.arrayContaining(['20 seconds left', 'Continue']));
    expect(rendered.screen.announcement()).toMatch(/logged out in 20 seconds/);
  });

  it('sends nothing itself: the shell turns any key into EXTEND', () => {
    const rendered = renderScreen(WarningHost, { seconds: 20 });
    rendered.press('Enter', 'Back', 'Digit1');
    expect(rendered.sent).toEqual([]);
  });

  it('keeps the panel inside the safe area in large type, in ja and en', () => {
    expect(renderScreen(WarningHost, { seconds: 30 }).layoutProblems()).toEqual([]);
    expect(renderScreen(WarningHost, { seconds: 30 }, { language: 'en' }).layoutProblems()).toEqual([]);
  });
});
