/**
 * What the moving screens share: a flex column of lines over a ButtonRow (consent, summary), or a
 * header, a Menu that holds the focus and a footer under it (services, status). Lines in a column
 * follow at their line height: a text box's empty half em below its line is taken back.
 */
import { ButtonRow } from '../../../app/components/ButtonRow/ButtonRow';
import { Menu } from '../../../app/components/Menu/Menu';
import { menuStyles } from '../../../app/components/Menu/Menu.styles';
import { ScreenFrame } from '../../../app/components/ScreenFrame/ScreenFrame';
import { screenFrameStyles } from '../../../app/components/ScreenFrame/ScreenFrame.styles';
import { currentLanguage } from '../../../app/i18n/i18n';
import { bottomButtons, contentLooks, lookText, spokenJoin, type Look } from '../../../app/screens/content';
import { Screen, type AppEvent } from '../../../app/screens/Screen';
import { lineHeight, theme, type Theme } from '../../../app/theme/tokens';

export const columnLayout = (theme: Theme) => {
  const content = screenFrameStyles(theme).content;
  return {
    content,
    fontFace: theme.type.fontFace,
    ...contentLooks(theme),
    buttons: bottomButtons(theme),
    gap: 12,
  };
};
type ColumnLayout = ReturnType<typeof columnLayout>;

/** A wrapped text in a flex column; `maxLines` lines at most. */
const columnText = (
  s: { fontFace: string; gap: number } & Record<
    Look,
    { fontSize: number; lineHeight: number; color: number }
  >,
  look: Look,
  w: number,
  maxLines = 2,
) => ({
  w,
  flexItem: { marginBottom: s.gap - Math.round(s[look].fontSize / 2) },
  // Japanese has no spaces: lines may break between any two characters.
  text: lookText(s.fontFace, s[look], w, { maxLines, wordBreak: true }),
});

/** The column's lines by ref: each a look, with at most how many lines (2 unless said). */
export type ColumnLines = Record<string, Look | [Look, number]>;

/** The texts of `lines`, `w` wide, for a flex column. */
const linesOf = (s: Parameters<typeof columnText>[0], lines: ColumnLines, w: number) =>
  Object.fromEntries(
    Object.entries(lines).map(([ref, line]) => {
      const [look, maxLines] = typeof line === 'string' ? [line, 2] : line;
      return [ref, columnText(s, look, w, maxLines)];
    }),
  );

/** The frame, a column of `lines` at the content's top, and the buttons. */
export const columnTemplate = (s: ColumnLayout, lines: ColumnLines) => ({
  Frame: { type: ScreenFrame },
  Column: {
    x: s.content.x,
    y: s.content.y,
    w: s.content.w,
    flex: { direction: 'column' },
    ...linesOf(s, lines, s.content.w),
  },
  Buttons: { type: ButtonRow, x: s.buttons.x, y: s.buttons.y },
});

/** A service's name in the viewer's language. */
export const nameOf = (named: { name: string; nameEn: string }): string =>
  currentLanguage() === 'ja' ? named.name : named.nameEn;

/**
 * A screen of lines and buttons (see `columnTemplate`): the title and each line's text come from
 * `column`, and the voice reads them in that order; the buttons hold the focus, the first focused;
 * Back sends `backEvent`.
 */
export abstract class ColumnScreen<Props> extends Screen<Props> {
  protected abstract readonly backEvent: AppEvent;

  /** The title and each line's text by ref (an empty text hides its line). */
  protected abstract column(props: Props): { title: string; texts: Record<string, string> };

  protected abstract actions(): Array<{ label: string; event: AppEvent }>;

  protected render(props: Props) {
    const { title, texts } = this.column(props);
    this.tag('Frame')?.patch({ frame: { title } });
    for (const [ref, text] of Object.entries(texts)) {
      this.tag(`Column.${ref}`)?.patch({ visible: text !== '', text: { text } });
    }
    this.tag('Buttons')?.patch({
      content: {
        gap: columnLayout(theme()).buttons.gap,
        buttons: this.actions().map(({ label, event }) => ({ label, onPress: () => this.send(event) })),
        focus: 0,
      },
    });
  }

  announcement(): string {
    const { title, texts } = this.column(this.props);
    return spokenJoin([title, ...Object.values(texts)]);
  }

  override _getFocused() {
    return this.tag('Buttons') as unknown as ButtonRow;
  }

  override _handleBack() {
    this.send(this.backEvent);
    return true;
  }
}

/**
 * A header of `headerLines` body lines, a Menu under it and `footerLines` under the menu's rows.
 * The menu is inset so its focused row (ring + scale) stays inside the safe area. The header keeps
 * clear of the menu's "▲ more" mark at its right end, so the menu can follow it closely.
 */
export const listLayout = (theme: Theme, headerLines: number, footerLines: number) => {
  const content = screenFrameStyles(theme).content;
  const menu = menuStyles(theme);
  const line = lineHeight(theme.type.body, theme);
  const inset = Math.ceil((content.w * (menu.focusScale - 1)) / 2) + menu.ring + 4;
  const headerY = content.y;
  const menuY = headerY + headerLines * line + 8;
  /** Room for "▲ more", drawn one row above the menu at its right end. */
  const markW = 240;
  const footerH = footerLines * line;
  /** The "▼ more" mark under the rows, then the footer. */
  const moreBelowH = line + 4;
  const rowsSpace = content.y + content.h - menuY - moreBelowH - footerH;
  const visibleRows = Math.max(1, Math.floor((rowsSpace + menu.gap) / (menu.rowH + menu.gap)));
  const rowsH = visibleRows * menu.rowH + (visibleRows - 1) * menu.gap;
  return {
    content,
    fontFace: theme.type.fontFace,
    ...contentLooks(theme),
    gap: 0,
    line,
    header: { x: content.x, y: headerY, w: content.w - markW },
    menu: { x: content.x + inset, y: menuY, w: content.w - 2 * inset, visibleRows },
    footer: { x: content.x, y: menuY + rowsH + moreBelowH, w: content.w },
  };
};
type ListLayout = ReturnType<typeof listLayout>;

/**
 * The header's lines: only the last one shares its row with "▲ more" and keeps clear of it; the
 * ones above it (fewer than `headerLines` lines together) take the whole width, so a long address
 * does not wrap early.
 */
const headerLinesOf = (s: ListLayout, header: ColumnLines) => {
  const refs = Object.keys(header);
  const last = refs.pop();
  const above = Object.fromEntries(refs.map((ref) => [ref, header[ref]!]));
  return {
    ...linesOf(s, above, s.content.w),
    ...(last ? linesOf(s, { [last]: header[last]! }, s.header.w) : {}),
  };
};

/** The frame, the header and footer columns, and the menu. */
export const listTemplate = (s: ListLayout, header: ColumnLines, footer: ColumnLines) => ({
  Frame: { type: ScreenFrame },
  Header: { ...s.header, w: s.content.w, flex: { direction: 'column' }, ...headerLinesOf(s, header) },
  Menu: { type: Menu, x: s.menu.x, y: s.menu.y },
  Footer: { ...s.footer, flex: { direction: 'column' }, ...linesOf(s, footer, s.footer.w) },
});

/** A list screen: the menu holds the focus; Back sends `backEvent`. */
export abstract class ListScreen<Props> extends Screen<Props> {
  protected abstract readonly backEvent: AppEvent;

  protected get menu(): Menu {
    return this.tag('Menu') as Menu;
  }

  protected showText(ref: string, text: string) {
    this.tag(ref)?.patch({ visible: text !== '', text: { text } });
  }

  override _getFocused() {
    return this.menu;
  }

  override _handleBack() {
    this.send(this.backEvent);
    return true;
  }
}
