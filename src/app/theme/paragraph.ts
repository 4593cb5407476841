/** A paragraph's text style, as the styles files give it. */
export interface ParagraphSpec {
  fontSize: number;
  lineHeight: number;
  color: number;
  /** The space below it in its flex column. */
  gapAfter: number;
}

/** A paragraph in a flex column: `width` wide, wrapped, then its gap. */
export const paragraph = (spec: ParagraphSpec, fontFace: string, width: number, text = '') => ({
  w: width,
  flexItem: { marginBottom: spec.gapAfter },
  text: {
    text,
    fontFace,
    fontSize: spec.fontSize,
    lineHeight: spec.lineHeight,
    textColor: spec.color,
    wordWrapWidth: width,
    // Japanese has no spaces: let Lightning break inside a "word" or it never wraps.
    wordBreak: true,
  },
});
