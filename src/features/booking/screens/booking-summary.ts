/**
 * What the booking summary screens (confirm, done, detail) share: a column of large lines and,
 * at the bottom of the content box, where their ButtonRow goes.
 */
import { buttonStyles } from '../../../app/components/Button/Button.styles';
import { screenFrameStyles } from '../../../app/components/ScreenFrame/ScreenFrame.styles';
import { lineHeight, type Theme } from '../../../app/theme/tokens';

export const summaryLayout = (theme: Theme) => {
  const content = screenFrameStyles(theme).content;
  const button = buttonStyles(theme);
  /** Room for the focused button's ring and scale. */
  const inset = 4 * theme.focusRing.width;
  return {
    content,
    fontFace: theme.type.fontFace,
    column: { x: content.x, y: content.y, w: content.w },
    buttons: { x: content.x + inset, y: content.y + content.h - button.h - inset, gap: 48 },
    heading: {
      fontSize: theme.type.heading,
      lineHeight: lineHeight(theme.type.heading, theme),
      color: theme.colors.text,
    },
    body: {
      fontSize: theme.type.body,
      lineHeight: lineHeight(theme.type.body, theme),
      color: theme.colors.text,
    },
    muted: {
      fontSize: theme.type.body,
      lineHeight: lineHeight(theme.type.body, theme),
      color: theme.colors.textMuted,
    },
    gap: 16,
    lineGap: 4,
  };
};

type Layout = ReturnType<typeof summaryLayout>;

/** A wrapped line in a flex column. */
export const columnText = (s: Layout, look: 'heading' | 'body' | 'muted', width = s.column.w) => ({
  w: width,
  flexItem: { marginBottom: s.gap },
  text: {
    text: '',
    fontFace: s.fontFace,
    fontSize: s[look].fontSize,
    lineHeight: s[look].lineHeight,
    textColor: s[look].color,
    wordWrapWidth: width,
    maxLines: 2,
  },
});

/** Children for a flex column of `lines` in one look, set close (a text box has room below its line). */
export const linesOf = (s: Layout, look: 'heading' | 'body' | 'muted', lines: string[]) =>
  lines.map((line) => {
    const element = columnText(s, look);
    return { ...element, flexItem: { marginBottom: s.lineGap }, text: { ...element.text, text: line } };
  });
