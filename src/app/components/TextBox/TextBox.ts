/**
 * A text element for a `_template`, placed in a box and wrapped to its width; the screen patches
 * `text.text` later. Every screen lays out its words this way, so the wrapping rules (wrap width =
 * box width; Japanese, which has no spaces, needs `wordBreak` to wrap at all) are written once.
 */
export interface TextBoxStyle {
  x?: number;
  y?: number;
  /** The box's width: the text wraps to it. */
  w: number;
  fontFace: string;
  fontSize: number;
  lineHeight: number;
  color: number;
  /** Lines shown at most (the last one ends in "…"); unlimited when left out. */
  maxLines?: number;
  align?: 'left' | 'center' | 'right';
  /** Break anywhere, not only at spaces: needed for Japanese. */
  wordBreak?: boolean;
}

export const textBox = ({
  x,
  y,
  w,
  fontFace,
  fontSize,
  lineHeight,
  color,
  maxLines,
  align,
  wordBreak,
}: TextBoxStyle) => ({
  ...(x !== undefined ? { x } : {}),
  ...(y !== undefined ? { y } : {}),
  w,
  text: {
    text: '',
    fontFace,
    fontSize,
    lineHeight,
    textColor: color,
    wordWrapWidth: w,
    ...(align ? { textAlign: align } : {}),
    ...(wordBreak ? { wordBreak } : {}),
    ...(maxLines ? { maxLines } : {}),
  },
});
