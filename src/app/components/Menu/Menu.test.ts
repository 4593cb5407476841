/** @jest-environment jsdom */
import { ComponentHost } from '../../testing/component-host';
import { renderScreen } from '../../testing/render';
import { Menu, type MenuItem, type RowCut } from './Menu';

const facilities = (count: number): MenuItem[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `f${i + 1}`,
    label: `みなと市立中央スポーツセンター第${i + 1}体育館（大会議室・多目的ホール併設）`,
    detail: '空きあり',
  }));

interface HostProps {
  items: MenuItem[];
  focusId?: string;
  mayCut?: RowCut;
}

class MenuHost extends ComponentHost<HostProps, Menu> {
  static override _template() {
    return { Hosted: { type: Menu, x: 200, y: 200 } };
  }
  focused: string[] = [];
  protected render({ items, focusId, mayCut }: HostProps) {
    this.hosted.onSelect = (id) => this.send({ type: 'SELECT', id });
    this.hosted.onFocusItem = (id) => this.focused.push(id);
    this.hosted.setItems(items, { width: 1400, visibleRows: 5, focusId, ...(mayCut ? { mayCut } : {}) });
  }
}

describe('Menu', () => {
  it('moves with Up/Down (no wrap), selects with OK and speaks the row with its place', () => {
    const rendered = renderScreen(MenuHost, { items: facilities(3) });
    rendered.press('Up', 'Down', 'Down', 'Down', 'Enter');
    expect(rendered.sent).toEqual([{ type: 'SELECT', id: 'f3' }]);
    expect((rendered.screen as unknown as MenuHost).focused).toEqual(['f2', 'f3']);
    expect(rendered.announced.at(-1)).toMatch(/第3体育館.*空きあり、3番目、全3件のうち$/);
  });

  it('counts the entries, not an action row after them, and speaks that row without a place', () => {
    const rendered = renderScreen(MenuHost, {
      items: [...facilities(2), { id: 'send', label: 'スマートフォンに送る', action: true }],
    });
    rendered.press('Down');
    expect(rendered.announced.at(-1)).toMatch(/2番目、全2件のうち$/);
    rendered.press('Down');
    expect(rendered.announced.at(-1)).toBe('スマートフォンに送る');
  });

  it('scrolls a window of visible rows and says there is more', () => {
    const rendered = renderScreen(MenuHost, { items: facilities(12) });
    expect(rendered.texts()).toContain('▼ 続き');
    rendered.press('Down', 'Down', 'Down', 'Down', 'Down', 'Down');
    expect(rendered.texts()).toContain('▲ 続き');
    rendered.press('Enter');
    expect(rendered.sent).toEqual([{ type: 'SELECT', id: 'f7' }]);
  });

  it('keeps the focused item on refresh, or the one asked for', () => {
    const rendered = renderScreen(MenuHost, { items: facilities(4) });
    rendered.press('Down');
    rendered.update({ items: facilities(4) });
    rendered.press('Enter');
    rendered.update({ items: facilities(4), focusId: 'f4' });
    rendered.press('Enter');
    expect(rendered.sent).toEqual([
      { type: 'SELECT', id: 'f2' },
      { type: 'SELECT', id: 'f4' },
    ]);
  });

  it('keeps long labels to one line inside the safe area, cut short only where the list allows it', () => {
    const cut = { items: facilities(12), mayCut: ['label'] as const };
    expect(renderScreen(MenuHost, cut).layoutProblems()).toEqual([]);
    expect(renderScreen(MenuHost, cut, { language: 'en' }).layoutProblems()).toEqual([]);
    expect(renderScreen(MenuHost, { items: facilities(2) }).layoutProblems()).toEqual([
      '"みなと市立中央スポーツセンター第1体育館（大会議室・多目的ホール併設）" is cut short',
      '"みなと市立中央スポーツセンター第2体育館（大会議室・多目的ホール併設）" is cut short',
    ]);
  });

  it('gives the detail the room it needs, so a long detail is not cut while the label fits', () => {
    const items = [{ id: 'a', label: '体重　74.8 kg', detail: '－ 基準なし・判定 A 異常なし' }];
    expect(renderScreen(MenuHost, { items }).layoutProblems()).toEqual([]);
  });
});
