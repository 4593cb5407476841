/**
 * Text widths in the font Lightning draws the text in (its getFontSetting), from a canvas: what a
 * screen needs to know before the text is drawn (how many lines a notice takes, the size at which
 * a title fits its one line).
 */

/** The width of `text` in px, in the font the text is drawn in. */
export type Measure = (text: string) => number;

let context: CanvasRenderingContext2D | null | undefined;

export function canvasMeasure(fontSize: number, fontFace: string): Measure {
  context ??= document.createElement('canvas').getContext('2d');
  const font = `normal ${fontSize}px ${fontFace.includes(' ') ? `"${fontFace}"` : fontFace}`;
  const measuring = context;
  if (!measuring) return (text) => [...text].length * fontSize;
  return (text) => {
    measuring.font = font;
    return measuring.measureText(text).width;
  };
}
