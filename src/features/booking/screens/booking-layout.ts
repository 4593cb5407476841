/**
 * What the booking list screens (facilities, rooms, bookings) share: a header of text lines, then
 * a Menu filling the rest of the frame's content box; the menu holds the focus and Back sends BACK.
 * The menu is inset so its focused row (ring + scale) stays inside the safe area.
 */
import { Menu, type MenuItem, type RowCut } from '../../../app/components/Menu/Menu';
import { menuStyles } from '../../../app/components/Menu/Menu.styles';
import { ScreenFrame } from '../../../app/components/ScreenFrame/ScreenFrame';
import { screenFrameStyles } from '../../../app/components/ScreenFrame/ScreenFrame.styles';
import { message, t, type MessageRef } from '../../../app/i18n/i18n';
import { Screen } from '../../../app/screens/Screen';
import { lineHeight, theme, type Theme } from '../../../app/theme/tokens';
import { textElement } from './booking-format';
import { spokenJoin } from '../../../app/screens/content';

export const listLayout = (theme: Theme, headerLines: number) => {
  const content = screenFrameStyles(theme).content;
  const menu = menuStyles(theme);
  const line = lineHeight(theme.type.body, theme);
  /** Room on each side for the focused row's ring and its scale about the centre. */
  const inset = Math.ceil((content.w * (menu.focusScale - 1)) / 2) + menu.ring + 4;
  const headerH = headerLines * line;
  /** The "▲ more" mark sits one row above the menu, at its right end. */
  const menuY = content.y + headerH + menu.rowH - 4;
  const moreBelowH = line + 4;
  const rowsSpace = content.y + content.h - menuY - moreBelowH;
  const visibleRows = Math.max(1, Math.floor((rowsSpace + menu.gap) / (menu.rowH + menu.gap)));
  return {
    content,
    fontFace: theme.type.fontFace,
    text: theme.colors.text,
    muted: theme.colors.textMuted,
    body: theme.type.body,
    line,
    header: { x: content.x, y: content.y, w: content.w },
    menu: { x: content.x + inset, y: menuY, w: content.w - 2 * inset, visibleRows },
  };
};

type ListLayout = ReturnType<typeof listLayout>;

/** The frame, the header's elements, then the menu. */
export const listTemplate = (s: ListLayout, header: Record<string, unknown>) => ({
  Frame: { type: ScreenFrame },
  ...header,
  Menu: { type: Menu, x: s.menu.x, y: s.menu.y },
});

/** A booking list screen: the menu holds the focus; Back sends BACK. */
export abstract class BookingListScreen<Props> extends Screen<Props> {
  protected get menu(): Menu {
    return this.tag('Menu') as Menu;
  }

  override _getFocused() {
    return this.menu;
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }
}

/** A list the platform fills: while loading it is empty, and it may come back with no rows. */
interface LoadedList {
  loading: boolean;
  empty: boolean;
}

/** Layout of a list under one guidance line. */
const guidedListStyles = (theme: Theme) => listLayout(theme, 1);

/**
 * A list under one guidance line that says it is loading, that there is nothing (`texts.empty`),
 * or what to do (`texts.hintKey`); the screen says its title and that line when it appears.
 */
export abstract class GuidedListScreen<Props extends LoadedList> extends BookingListScreen<Props> {
  static override _template() {
    const s = guidedListStyles(theme());
    return listTemplate(s, {
      Guide: textElement({ ...s.header, fontSize: s.body, color: s.text, maxLines: 1 }),
    });
  }

  protected abstract readonly texts: { titleKey: string; empty: MessageRef; hintKey: string };

  /** The parts of a row that may end in ".." (see RowCut): none unless the screen says. */
  protected readonly mayCut: RowCut = [];

  /** The rows for `props` (none while loading). */
  protected abstract rowsOf(props: Props): MenuItem[];

  /** OK on the row `id`. */
  protected abstract chooseRow(id: string, props: Props): void;

  private guide(props: Props): string {
    if (props.loading) return t('common.loading');
    if (props.empty) return message(this.texts.empty);
    return t(this.texts.hintKey);
  }

  protected render(props: Props) {
    const s = guidedListStyles(theme());
    this.tag('Frame')?.patch({ frame: { title: t(this.texts.titleKey) } });
    this.tag('Guide')?.patch({ text: { text: this.guide(props) } });
    this.menu.setItems(this.rowsOf(props), {
      width: s.menu.w,
      visibleRows: s.menu.visibleRows,
      mayCut: this.mayCut,
    });
    this.menu.onSelect = (id) => this.chooseRow(id, props);
  }

  announcement(): string {
    return spokenJoin([t(this.texts.titleKey), this.guide(this.props)]);
  }
}
