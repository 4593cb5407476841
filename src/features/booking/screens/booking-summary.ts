/**
 * What the booking summary screens (confirm, done, detail) share: a column of large lines and,
 * at the bottom of the content box, a ButtonRow that holds the focus; Back does what the row's
 * "leave" button does.
 */
import { ButtonRow } from '../../../app/components/ButtonRow/ButtonRow';
import { ScreenFrame } from '../../../app/components/ScreenFrame/ScreenFrame';
import { screenFrameStyles } from '../../../app/components/ScreenFrame/ScreenFrame.styles';
import { Screen, type AppEvent } from '../../../app/screens/Screen';
import { bottomButtons, contentLooks, lookText, type Look } from '../../../app/screens/content';
import type { Theme } from '../../../app/theme/tokens';

export const summaryLayout = (theme: Theme) => {
  const content = screenFrameStyles(theme).content;
  return {
    content,
    fontFace: theme.type.fontFace,
    column: { x: content.x, y: content.y, w: content.w },
    buttons: bottomButtons(theme),
    ...contentLooks(theme),
    gap: 16,
    lineGap: 4,
  };
};

type Layout = ReturnType<typeof summaryLayout>;

/** The frame, the screen's own elements over it, then the buttons (drawn last, on top). */
export const summaryTemplate = (s: Layout, content: Record<string, unknown>) => ({
  Frame: { type: ScreenFrame },
  ...content,
  Buttons: { type: ButtonRow, x: s.buttons.x, y: s.buttons.y },
});

/** A flex column of texts at the content box's top left. */
export const summaryColumn = (s: Layout, texts: Record<string, unknown>) => ({
  x: s.column.x,
  y: s.column.y,
  w: s.column.w,
  flex: { direction: 'column' },
  ...texts,
});

interface SummaryAction {
  label: string;
  event: AppEvent;
}

/** A column for `linesOf` (see `showLines`). */
export const linesColumn = (s: Layout) => ({ w: s.column.w, flex: { direction: 'column' } });

/** A booking summary screen: its buttons hold the focus, and Back sends `backEvent`. */
export abstract class SummaryScreen<Props> extends Screen<Props> {
  /** What Back sends: the same as the button that leaves the screen without acting. */
  protected abstract readonly backEvent: AppEvent;

  /** Sets the frame's title. */
  protected showTitle(title: string) {
    this.tag('Frame')?.patch({ frame: { title } });
  }

  /** Sets the text of the element at `path`. */
  protected showText(path: string, text: string) {
    this.tag(path)?.patch({ text: { text } });
  }

  /** Fills the `linesColumn` at `path` with `lines`, all in one look. */
  protected showLines(path: string, s: Layout, look: Look, lines: string[]) {
    this.tag(path)?.patch({ children: linesOf(s, look, lines) });
  }

  /** Sets the buttons; `focus` is the index of the one that takes the focus. */
  protected showActions(s: Layout, actions: SummaryAction[], focus = 0) {
    this.tag('Buttons')?.patch({
      content: {
        gap: s.buttons.gap,
        buttons: actions.map(({ label, event }) => ({ label, onPress: () => this.send(event) })),
        focus,
      },
    });
  }

  override _getFocused() {
    return this.tag('Buttons') as unknown as ButtonRow;
  }

  override _handleBack() {
    this.send(this.backEvent);
    return true;
  }
}

/** A wrapped line in a flex column. */
export const columnText = (s: Layout, look: Look, width = s.column.w) => ({
  w: width,
  flexItem: { marginBottom: s.gap },
  text: lookText(s.fontFace, s[look], width, { maxLines: 2 }),
});

/** Children for a flex column of `lines` in one look, set close (a text box has room below its line). */
const linesOf = (s: Layout, look: Look, lines: string[]) =>
  lines.map((line) => {
    const element = columnText(s, look);
    // The half em a text box carries below its line is taken back: lines follow at line height.
    const marginBottom = s.lineGap - Math.round(s[look].fontSize / 2);
    return { ...element, flexItem: { marginBottom }, text: { ...element.text, text: line } };
  });
