/**
 * Reads what is on the stage from the element tree, the way a viewer would check the screen:
 * which texts show, whether they are big enough, whether anything spills out of the safe area, and
 * whether a text is cut short (".."), reaches out of the box it sits in or runs into another text.
 */
import type { Lightning } from '@lightningjs/sdk';
import type { Theme } from '../theme/tokens';

interface ElementLike {
  ref?: string;
  /** Set by `mayCutShort` (theme/cut-short.ts): a list row's line, shown whole when opened. */
  cutShortAllowed?: boolean;
  visible: boolean;
  alpha: number;
  renderWidth: number;
  renderHeight: number;
  text?: {
    text: string;
    fontSize: number;
    wordWrapWidth?: number;
    textAlign?: string;
    /** What the renderer made of the text: the lines it drew and their widths. */
    source?: {
      renderInfo?: {
        lineWidths?: number[];
        lines?: Array<{ info?: { text?: string } }>;
      } | null;
    } | null;
  } | null;
  childList: { length: number; getAt(i: number): ElementLike };
  core: {
    renderContext: { px: number; py: number; ta: number; alpha: number };
    _worldContext?: { alpha: number };
  };
  rect?: boolean;
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Box extends Rect {
  path: string;
  text?: string;
  fontSize?: number;
  /** The text's last line ends in "..": more lines than it may show (and it did not opt in). */
  truncated?: boolean;
  /** Where the glyphs are across the box (a centred text in a wide box is narrower than it). */
  ink?: { x: number; w: number };
  /** The nearest sized element around the text: the box it is laid out in. */
  container?: Rect & { path: string };
  /** How many full-screen panels were drawn before it: an overlay covers what is below it. */
  layer: number;
}

const STAGE = { w: 1920, h: 1080 };

/** The glyphs' extent across a text's box, from its widest line and its alignment. */
function inkAcross(element: ElementLike, rect: Rect): { x: number; w: number } {
  const info = element.text?.source?.renderInfo;
  const scale = element.core.renderContext.ta;
  const widest = Math.max(0, ...(info?.lineWidths ?? [])) * scale;
  if (!info?.lineWidths?.length || widest >= rect.w) return { x: rect.x, w: rect.w };
  const align = element.text?.textAlign;
  const offset = align === 'center' ? (rect.w - widest) / 2 : align === 'right' ? rect.w - widest : 0;
  return { x: rect.x + offset, w: widest };
}

/** Spaces and line-break hints: wrapping may drop them at a line's end. */
const unspaced = (text: string) => text.replace(/[\s\u200B]+/gu, '');

/**
 * The renderer drew less than the whole text: Lightning flags only unwrapped text over `maxLines`;
 * wrapped text silently ends in its `maxLinesSuffix` (".."), so the drawn lines are compared with
 * the text.
 */
function cutShort(element: ElementLike): boolean {
  const lines = element.text?.source?.renderInfo?.lines;
  if (!lines || !element.text || element.cutShortAllowed) return false;
  const drawn = lines.map((line) => line.info?.text ?? '').join('');
  return unspaced(drawn) !== unspaced(element.text.text);
}

interface WalkState {
  out: Box[];
  layers: number;
}

const walk = (
  element: ElementLike,
  path: string,
  state: WalkState,
  inherited: { container?: Box['container'] },
) => {
  if (!element.visible || element.alpha === 0) return;
  const ctx = element.core.renderContext;
  const name = `${path}/${element.ref ?? '?'}`;
  const text = element.text?.text;
  const rect = { x: ctx.px, y: ctx.py, w: element.renderWidth * ctx.ta, h: element.renderHeight * ctx.ta };
  const fullScreen = rect.w >= STAGE.w && rect.h >= STAGE.h;
  let { container } = inherited;
  if (fullScreen && element.rect) state.layers += 1;
  const layer = state.layers;
  if (ctx.alpha > 0) {
    state.out.push({
      path: name,
      ...rect,
      layer,
      ...(text
        ? {
            text,
            fontSize: element.text?.fontSize ?? 0,
            truncated: cutShort(element),
            ink: inkAcross(element, rect),
            ...(container ? { container } : {}),
          }
        : {}),
    });
  }
  if (!text && !fullScreen && rect.w > 0 && rect.h > 0) container = { path: name, ...rect };
  for (let i = 0; i < element.childList.length; i += 1)
    walk(element.childList.getAt(i), name, state, container ? { container } : {});
};

export const boxes = (app: Lightning.Application): Box[] => {
  const state: WalkState = { out: [], layers: 0 };
  walk(app as unknown as ElementLike, '', state, {});
  return state.out;
};

/** Visible texts, top to bottom then left to right. */
export const visibleTexts = (app: Lightning.Application): string[] =>
  boxes(app)
    .filter((box) => box.text)
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((box) => box.text as string);

const SLACK = 1; // sub-pixel layout and rounding

/**
 * The lines a text's texture holds: Lightning's texture adds half a font size below the last line
 * (room for descenders), which the next line's box may cover without the glyphs touching.
 */
const lineBox = (box: Box): Rect => ({
  ...box,
  ...(box.ink ?? {}),
  h: Math.max(0, box.h - 0.5 * (box.fontSize ?? 0)),
});

const overlaps = (a: Rect, b: Rect) =>
  a.x + a.w > b.x + SLACK && b.x + b.w > a.x + SLACK && a.y + a.h > b.y + SLACK && b.y + b.h > a.y + SLACK;

const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x - SLACK &&
  inner.y >= outer.y - SLACK &&
  inner.x + inner.w <= outer.x + outer.w + SLACK &&
  inner.y + inner.h <= outer.y + outer.h + SLACK;

const label = (box: Box) => (box.text ? `"${box.text.slice(0, 24)}"` : box.path);

/**
 * Texts a viewer cannot read whole: cut short with "..", reaching out of the box they are laid out
 * in, or drawn over another text of the same layer.
 */
function textFitProblems(app: Lightning.Application): string[] {
  const texts = boxes(app).filter((box) => box.text && box.w > 0 && box.h > 0);
  const problems: string[] = [];
  for (const box of texts) {
    if (box.truncated) problems.push(`"${box.text?.replace(/\n/g, '⏎')}" is cut short`);
    if (box.container && !inside(lineBox(box), box.container))
      problems.push(`${label(box)} reaches out of ${box.container.path.split('/').slice(-2).join('/')}`);
  }
  texts.forEach((a, i) => {
    for (const b of texts.slice(i + 1)) {
      if (a.layer === b.layer && overlaps(lineBox(a), lineBox(b)))
        problems.push(`${label(a)} overlaps ${label(b)}`);
    }
  });
  return problems;
}

/** Text below the body size, text or panels outside the safe area (full-screen backgrounds excepted). */
export function layoutProblems(app: Lightning.Application, theme: Theme): string[] {
  const { safeArea, stage } = theme;
  const problems: string[] = [];
  const slack = 0.5; // sub-pixel layout
  for (const box of boxes(app)) {
    const fullScreen = box.w >= stage.w && box.h >= stage.h;
    if (fullScreen || box.w === 0 || box.h === 0) continue;
    const outside =
      box.x < safeArea.x - slack ||
      box.y < safeArea.y - slack ||
      box.x + box.w > stage.w - safeArea.x + slack ||
      box.y + box.h > stage.h - safeArea.y + slack;
    if (outside) {
      problems.push(
        `${label(box)} outside the safe area: ${[box.x, box.y, box.w, box.h].map(Math.round).join(',')}`,
      );
    }
    if (box.text && (box.fontSize ?? 0) < theme.type.body)
      problems.push(`${label(box)} is ${box.fontSize}px (< ${theme.type.body})`);
  }
  return [...problems, ...textFitProblems(app)];
}
