/** @jest-environment jsdom */
import { Lightning } from '@lightningjs/sdk';
import { TREND, TREND_LOW } from '../../testing/health-data';
import { renderScreen } from '../../../../app/testing/render';
import {
  expectTexts,
  inBothLanguages,
  itReadsInEnglish,
  itSends,
  layoutProblemsOf,
} from '../../../../app/testing/screen-harness';
import { TrendChart, type TrendChartProps } from './TrendChart';

const propsOf = (trend: typeof TREND): TrendChartProps => ({
  itemCode: trend.code,
  name: trend.name,
  unit: trend.unit,
  referenceRange: trend.referenceRange,
  points: trend.points,
  loading: false,
  empty: false,
});
const glucose = propsOf(TREND);

/** The chart's drawn rectangles (band, grid, axes, segments, points). */
const chartRects = (app: Lightning.Application) =>
  (app.tag('Screen.Chart') as Lightning.Element).children.filter(
    (child) => (child as unknown as { rect: boolean }).rect,
  );

describe('TrendChart screen', () => {
  it('draws a point per year with its value, the years under them, the unit and the latest value in words', () => {
    const screen = renderScreen(TrendChart, glucose);
    const texts = screen.texts();
    expectTexts(screen, [
      '空腹時血糖の推移',
      'mg/dL',
      '94',
      '98',
      '108 ▲',
      '132 ▲',
      ...['2021年', '2022年', '2023年', '2024年', '2025年', '2026年'],
      '最新 2026年：132 mg/dL（▲ 基準より高い・要医療）\n色の帯が基準範囲（99 以下）です。6回分の記録です。',
    ]);
    // Nice tick labels on the y axis, covering the band's limit and the highest value.
    const ticks = texts.filter((text) => /^\d+$/.test(text) && !['94', '98'].includes(text)).map(Number);
    expect(Math.min(...ticks)).toBeLessThanOrEqual(94);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(132);
  });

  it('draws the band, grid, axes, five segments and six points as rectangles', () => {
    const screen = renderScreen(TrendChart, glucose);
    const rects = chartRects(screen.app);
    const rotated = rects.filter((r) => (r as unknown as { rotation: number }).rotation !== 0);
    expect(rotated).toHaveLength(5);
    // The points: round (a shader) and square; their labels are siblings, not children.
    const points = rects.filter(
      (r) => r.w === r.h && r.w > 0 && (r as unknown as { shader: unknown }).shader,
    );
    expect(points).toHaveLength(6);
    // Later years sit higher on the screen as the value rises.
    const ys = points.map((p) => p.y);
    expect([...ys].sort((a, b) => b - a)).toEqual(ys);
  });

  it('reads the whole trend aloud for viewers who cannot see the chart', () => {
    const screen = renderScreen(TrendChart, glucose);
    const spoken = screen.screen.announcement();
    expect(spoken).toMatch(/^空腹時血糖の推移のグラフです。 最新 2026年：132 mg\/dL（基準より高い・要医療）/);
    expect(spoken).toContain('2021年は94mg/dL、基準範囲内。');
    expect(spoken).toContain('2026年は132mg/dL、基準より高い。');
    expect(spoken).toMatch(/戻るボタンで、健診結果に戻ります。$/);
    expect(spoken).not.toMatch(/[▲▼○]/);
  });

  it('marks values below a two-sided band with ▼ and keeps tenths', () => {
    const screen = renderScreen(TrendChart, propsOf(TREND_LOW));
    expectTexts(screen, [
      'BMIの推移',
      '20.1',
      '18.4 ▼',
      '17.0 ▼',
      '最新 2026年：17.0 kg/m2（▼ 基準より低い・要経過観察）\n色の帯が基準範囲（18.5〜24.9）です。6回分の記録です。',
    ]);
    expect(screen.layoutProblems()).toEqual([]);
  });

  itReadsInEnglish(TrendChart, glucose, [
    '空腹時血糖 over the years',
    '2026',
    'Latest 2026: 132 mg/dL (▲ Above range, See a doctor)\nThe band is the reference range (99 以下). 6 records.',
  ]);

  itSends(
    'Back returns to the checkup; other keys send nothing',
    TrendChart,
    glucose,
    ['Enter', 'Up', 'Down', 'Back'],
    [{ type: 'BACK' }],
  );

  it('says it is loading, then that there are no records, with the item in the title', () => {
    const screen = renderScreen(TrendChart, { ...glucose, points: [], loading: true });
    expectTexts(screen, ['空腹時血糖の推移', '読み込み中です。しばらくお待ちください。']);
    expect(screen.screen.announcement()).toBe('読み込み中です。しばらくお待ちください。');
    screen.update({ ...glucose, points: [], empty: true });
    expect(screen.texts()).toContain('この項目の記録はまだありません。');
    expect(screen.texts()).not.toContain('mg/dL');
    expect(screen.screen.announcement()).toBe(
      'この項目の記録はまだありません。戻るボタンで、健診結果に戻ります。',
    );
    expect(screen.layoutProblems()).toEqual([]);
    screen.press('Back');
    expect(screen.sent).toEqual([{ type: 'BACK' }]);
  });

  it('keeps the chart and its labels inside the safe area in large type, in ja and en', () => {
    const cases = [...inBothLanguages(glucose), { props: propsOf(TREND_LOW), language: 'en' as const }];
    expect(layoutProblemsOf(TrendChart, cases)).toEqual([]);
  });
});
