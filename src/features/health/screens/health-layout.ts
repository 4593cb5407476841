/**
 * Layout and behaviour shared by the health list screens: a hint line over a Menu inside the
 * frame's content box, and a panel under it for the focused row's details. The menu is inset so the focused row's ring and
 * scale stay inside the safe area; the visible rows are what fits between the hint and the panel.
 */
import { Menu, type MenuItem, type RowCut } from '../../../app/components/Menu/Menu';
import { menuStyles } from '../../../app/components/Menu/Menu.styles';
import { ScreenFrame } from '../../../app/components/ScreenFrame/ScreenFrame';
import { screenFrameStyles } from '../../../app/components/ScreenFrame/ScreenFrame.styles';
import { textAt, type TextBox } from '../../../app/screens/content';
import { Screen } from '../../../app/screens/Screen';
import { lineHeight, textHeight, type Theme } from '../../../app/theme/tokens';

export const healthListLayout = (theme: Theme, options: { hintLines: number; panelLines: number }) => {
  const { type, colors } = theme;
  const content = screenFrameStyles(theme).content;
  const menu = menuStyles(theme);
  const text = (y: number, lines: number, fontSize = type.body, color = colors.text): TextBox => ({
    x: content.x,
    y,
    w: content.w,
    fontSize,
    lineHeight: lineHeight(fontSize, theme),
    color,
    maxLines: lines,
  });
  // Room for the focused row's ring + scale on both sides.
  const inset = menu.ring + Math.ceil((content.w * (menu.focusScale - 1)) / 2) + 4;
  const hint = text(content.y, options.hintLines);
  const hintH = options.hintLines ? textHeight(type.body, options.hintLines, theme) : 0;
  // The "▲ more" mark sits one row height above the first row, right-aligned.
  const menuY = content.y + Math.max(hintH + 16, menu.rowH - 12) + menu.ring;
  const moreBelowH = 4 + textHeight(type.body, 1, theme);
  // The panel's box ends half an em below its last line, empty: the content's end may cut it.
  const panelH = options.panelLines ? textHeight(type.body, options.panelLines, theme) - type.body / 2 : 0;
  const panelGap = options.panelLines ? 12 : 0;
  const rowsSpace = content.y + content.h - menuY - moreBelowH - panelGap - panelH;
  const visibleRows = Math.max(1, Math.floor((rowsSpace + menu.gap) / (menu.rowH + menu.gap)));
  const rowsH = visibleRows * menu.rowH + (visibleRows - 1) * menu.gap;
  const panel = text(menuY + rowsH + moreBelowH + panelGap, options.panelLines, type.body, colors.text);
  return {
    fontFace: type.fontFace,
    content,
    hint,
    menu: { x: content.x + inset, y: menuY, w: content.w - 2 * inset, visibleRows },
    panel,
    /** Where a message (loading, empty) goes when there is no list. */
    notice: text(content.y + 40, 3, type.heading),
  };
};

type ListStyles = ReturnType<typeof healthListLayout> & { hintWrap: number };

/**
 * The frame, the hint (stopping short of the "▲ more" mark), the notice that stands where the list
 * is while loading or empty, the list, and with `panel` the focused row's panel under it.
 */
export const healthListTemplate = (s: ListStyles, options: { panel: boolean }) => ({
  Frame: { type: ScreenFrame },
  Hint: textAt(s.hint, s.fontFace, s.hintWrap),
  Notice: textAt(s.notice, s.fontFace),
  List: { type: Menu, x: s.menu.x, y: s.menu.y },
  ...(options.panel ? { Panel: textAt(s.panel, s.fontFace) } : {}),
});

/** A health list screen: the list (when shown) holds the focus; Back sends BACK. */
export abstract class HealthListScreen<Props> extends Screen<Props> {
  protected get list(): Menu {
    return this.tag('List') as Menu;
  }

  /** Fills the panel under the list for the focused row (screens with a panel). */
  protected showFocused?(id: string | undefined): void;

  /**
   * Shows `rows`, or hides the list while there are none to show (`undefined`: loading, empty),
   * then the focused row's panel, and gives the focus to what is shown. `mayCut`: see RowCut.
   */
  protected showRows(s: ListStyles, rows: MenuItem[] | undefined, mayCut: RowCut = []) {
    this.list.patch({ visible: rows !== undefined });
    this.list.setItems(rows ?? [], { width: s.menu.w, visibleRows: s.menu.visibleRows, mayCut });
    this.showFocused?.(this.list.focusedItem?.id);
    this._refocus();
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }
}
