/** @jest-environment jsdom */
import { renderScreen } from '../../testing/render';
import { itSends } from '../../testing/screen-harness';
import { PROGRESS_DELAY_S, PROGRESS_PERIOD_S } from './Status.styles';
import { Status } from './Status';

describe('Status screen', () => {
  it('shows the title and what is happening', () => {
    const screen = renderScreen(Status, { titleKey: 'common.title.checking', bodyKey: 'common.working' });
    expect(screen.texts()).toEqual(
      expect.arrayContaining([
        '確認しています',
        '処理しています。カードを抜かずに、しばらくお待ちください。',
      ]),
    );
  });

  it('shows a flow message as the body, in English too', () => {
    const screen = renderScreen(
      Status,
      { titleKey: 'common.title.checking', body: { key: 'certificateExpiresSoon', params: { days: 5 } } },
      { language: 'en' },
    );
    expect(screen.texts()).toEqual(
      expect.arrayContaining(['Checking', expect.stringMatching(/expires in 5 days/)]),
    );
  });

  it('speaks the title and the line', () => {
    const screen = renderScreen(Status, { titleKey: 'common.title.checking', bodyKey: 'common.working' });
    expect(screen.screen.announcement()).toBe(
      '確認しています。処理しています。カードを抜かずに、しばらくお待ちください。',
    );
  });

  itSends(
    'sends nothing for keys, Back included',
    Status,
    { titleKey: 'common.title.checking', bodyKey: 'common.loading' },
    ['Enter', 'Back', 'Left', 'Digit3'],
    [],
  );

  it('moves slowly: one sweep takes longer than a third of a second (no flashing)', () => {
    expect(PROGRESS_PERIOD_S).toBeGreaterThanOrEqual(1);
  });

  it('starts moving after a short wait only (brief steps draw no animation frames), well within a second', () => {
    expect(PROGRESS_DELAY_S).toBeGreaterThan(0);
    expect(PROGRESS_DELAY_S).toBeLessThanOrEqual(1);
  });

  it('keeps everything inside the safe area in large type, in ja and en', () => {
    const props = { titleKey: 'common.title.checking', bodyKey: 'common.working' };
    expect(renderScreen(Status, props).layoutProblems()).toEqual([]);
    expect(renderScreen(Status, props, { language: 'en' }).layoutProblems()).toEqual([]);
  });
});
