/**
 * A vertical list of large rows: Up/Down move (no wrap, so the viewer always knows where the ends
 * are), OK selects. Long lists scroll a window of `visibleRows`; "▲ more" / "▼ more" marks say
 * there is more. The focused row is spoken with its place ("2番目、全5件のうち").
 */
import { Lightning } from '@lightningjs/sdk';
import { t } from '../../i18n/i18n';
import { theme } from '../../theme/tokens';
import { menuStyles } from './Menu.styles';
import { MenuRow, type MenuItem, type RowCut } from './MenuRow';

export type { MenuItem, RowCut };

export class Menu extends Lightning.Component {
  static override _template() {
    const s = menuStyles(theme());
    const mark = (y: number) => ({
      y,
      alpha: 0,
      text: { text: '', fontFace: s.fontFace, fontSize: s.fontSize, textColor: s.more },
    });
    return { Rows: {}, MoreAbove: mark(0), MoreBelow: mark(0) };
  }

  private items: MenuItem[] = [];
  private index = 0;
  private first = 0;
  private width = 1200;
  private visibleRows = 6;
  private mayCut: RowCut = [];
  /** Called with the selected item's id on OK. */
  onSelect?: (id: string) => void;
  /** Called when focus moves to another item (screens may show details of it). */
  onFocusItem?: (id: string) => void;

  /**
   * Sets the rows; keeps the focused item when it is still there (a refresh must not jump).
   * `mayCut`: the parts of a row that may end in ".." (see RowCut); none unless said.
   */
  setItems(
    items: MenuItem[],
    options: { width: number; visibleRows?: number; focusId?: string; mayCut?: RowCut },
  ) {
    const focusedId = options.focusId ?? this.items[this.index]?.id;
    this.items = items;
    this.width = options.width;
    this.visibleRows = options.visibleRows ?? this.visibleRows;
    this.mayCut = options.mayCut ?? [];
    const kept = items.findIndex((item) => item.id === focusedId);
    this.index = kept >= 0 ? kept : 0;
    this.first = 0;
    this.scrollToFocus();
    this.renderRows();
    // The rows were rebuilt: point the focus path at the new row element.
    if (this.attached) this._refocus();
  }

  get focusedItem(): MenuItem | undefined {
    return this.items[this.index];
  }

  get rowsHeight(): number {
    const s = menuStyles(theme());
    const shown = Math.min(this.items.length, this.visibleRows);
    return shown * s.rowH + Math.max(0, shown - 1) * s.gap;
  }

  private scrollToFocus() {
    if (this.index < this.first) this.first = this.index;
    if (this.index >= this.first + this.visibleRows) this.first = this.index - this.visibleRows + 1;
  }

  private renderRows() {
    const s = menuStyles(theme());
    const shown = this.items.slice(this.first, this.first + this.visibleRows);
    this.tag('Rows')?.patch({
      children: shown.map((item, i) => ({
        type: MenuRow,
        y: i * (s.rowH + s.gap),
        row: { item, width: this.width, mayCut: this.mayCut },
      })),
    });
    const below = this.first + this.visibleRows < this.items.length;
    this.tag('MoreAbove')?.patch({
      alpha: this.first > 0 ? 1 : 0,
      x: this.width - 200,
      y: -s.rowH + 12,
      text: { text: `▲ ${t('common.more')}` },
    });
    this.tag('MoreBelow')?.patch({
      alpha: below ? 1 : 0,
      x: this.width - 200,
      y: this.rowsHeight + 4,
      text: { text: `▼ ${t('common.more')}` },
    });
  }

  private move(delta: number) {
    const next = this.index + delta;
    if (next < 0 || next >= this.items.length) return false;
    this.index = next;
    const before = this.first;
    this.scrollToFocus();
    if (before !== this.first) this.renderRows();
    this._refocus();
    this.announceFocused();
    const id = this.items[this.index]?.id;
    if (id !== undefined) this.onFocusItem?.(id);
    return true;
  }

  private announceFocused() {
    const item = this.items[this.index];
    if (!item) return;
    // "3番目、全12件のうち" counts the list's entries, not the action rows after them.
    const entries = this.items.filter((entry) => !entry.action).length;
    const place = item.action ? undefined : t('common.item', { index: this.index + 1, count: entries });
    const spoken = item.spoken ?? item.detail ?? '';
    this.fireAncestors('$announce', [item.label, spoken, place].filter(Boolean).join('、'));
  }

  override _focus() {
    this.announceFocused();
  }

  override _getFocused() {
    return this.tag('Rows')?.children[this.index - this.first] ?? this;
  }

  override _handleUp() {
    return this.move(-1) || false;
  }

  override _handleDown() {
    return this.move(1) || false;
  }

  override _handleEnter() {
    const item = this.items[this.index];
    if (item) this.onSelect?.(item.id);
    return true;
  }
}
