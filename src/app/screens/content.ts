/**
 * What feature screens share inside the frame's content box: the three looks of their text, where
 * a row of buttons sits at its bottom, and how a labelled value and a spoken summary are worded.
 */
import { buttonStyles } from '../components/Button/Button.styles';
import { screenFrameStyles } from '../components/ScreenFrame/ScreenFrame.styles';
import { currentLanguage, t } from '../i18n/i18n';
import { lineHeight, type Theme } from '../theme/tokens';

export type Look = 'heading' | 'body' | 'muted';

/** A heading, body text and muted body text, each at its line height. */
export const contentLooks = (theme: Theme) => ({
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
});

/** How a text is drawn: its size, line height and colour. */
export interface TextLook {
  fontSize: number;
  lineHeight: number;
  color: number;
}

/** A box a text stands in: where, how wide, and at most how many lines. */
export interface TextBox extends TextLook {
  x: number;
  y: number;
  w: number;
  maxLines: number;
}

/**
 * A text element's `text` in `look`, wrapped at `width` (the text set later by the screen);
 * `lines` limits the lines, and with `wordBreak` a line may break between any two characters.
 */
export const lookText = (
  fontFace: string,
  look: TextLook,
  width: number,
  lines: { maxLines?: number; wordBreak?: boolean } = {},
) => ({
  text: '',
  fontFace,
  fontSize: look.fontSize,
  lineHeight: look.lineHeight,
  textColor: look.color,
  wordWrapWidth: width,
  ...lines,
});

/** A text element at `box`, wrapped at `wrapWidth` (the box's width unless said). */
export const textAt = (box: TextBox, fontFace: string, wrapWidth = box.w, wordBreak = false) => ({
  x: box.x,
  y: box.y,
  text: lookText(fontFace, box, wrapWidth, { maxLines: box.maxLines, wordBreak }),
});

/** A ButtonRow at the content box's bottom left, inset by room for the focused button's ring and scale. */
export const bottomButtons = (theme: Theme) => {
  const content = screenFrameStyles(theme).content;
  const inset = 4 * theme.focusRing.width;
  return { x: content.x + inset, y: content.y + content.h - buttonStyles(theme).h - inset, gap: 48 };
};

/** "施設：みどり公民館" in Japanese, "Facility: Midori Hall" in English. */
export const labelled = (labelKey: string, value: string): string =>
  `${t(labelKey)}${currentLanguage() === 'ja' ? '：' : ': '}${value}`;

/** Sentences for the voice: "。" in Japanese, ". " in English; empty parts are left out. */
export const spokenJoin = (parts: Array<string | undefined | false>): string => {
  const ja = currentLanguage() === 'ja';
  return parts
    .filter((part): part is string => Boolean(part && part.trim()))
    .map((part) => part.trim().replace(/[。.]$/, ''))
    .join(ja ? '。' : '. ')
    .concat(ja ? '。' : '.');
};
