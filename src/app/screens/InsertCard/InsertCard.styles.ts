/** Layout and copy of the insert-card screen on the 1920×1080 stage, from the theme tokens. */
import type { Theme } from '../../theme/tokens';
import { cardSlotStyles } from '../../components/CardSlotIllustration/CardSlotIllustration.styles';

export const insertCardCopy = {
  title: 'マイナンバーカードを差し込んでください',
  subtitle: 'Please insert your My Number Card',
  hint: 'セットトップボックスのカード差し込み口へ',
  hintEn: 'into the card slot of the set-top box',
} as const;

export interface TextStyle {
  x: number;
  y: number;
  fontSize: number;
  lineHeight: number;
  color: number;
  wordWrapWidth: number;
}

export const insertCardStyles = (theme: Theme) => {
  const { safeArea, stage, type, colors } = theme;
  const contentW = stage.w - 2 * safeArea.x;
  const text = (y: number, fontSize: number, color: number): TextStyle => ({
    x: safeArea.x,
    y,
    fontSize,
    lineHeight: Math.round(fontSize * type.lineHeightRatio),
    color,
    wordWrapWidth: contentW,
  });
  const illustration = cardSlotStyles(colors).size;
  const title = text(safeArea.y + 60, type.title, colors.text);
  const subtitle = text(title.y + title.lineHeight + 8, type.body, colors.textMuted);
  const illustrationBox = {
    x: Math.round((stage.w - illustration.w) / 2),
    y: subtitle.y + subtitle.lineHeight + 40,
    w: illustration.w,
    h: illustration.h,
  };
  const hint = text(illustrationBox.y + illustrationBox.h + 24, type.body, colors.text);
  const hintEn = text(hint.y + hint.lineHeight, type.body, colors.textMuted);
  return {
    background: colors.background,
    fontFace: type.fontFace,
    title,
    subtitle,
    illustrationBox,
    hint,
    hintEn,
  };
};
