/**
 * Reads what is on the stage from the element tree, the way a viewer would check the screen:
 * which texts show, whether they are big enough, and whether anything spills out of the safe area.
 */
import type { Lightning } from '@lightningjs/sdk';
import type { Theme } from '../theme/tokens';

interface ElementLike {
  ref?: string;
  visible: boolean;
  alpha: number;
  renderWidth: number;
  renderHeight: number;
  text?: { text: string; fontSize: number; wordWrapWidth?: number } | null;
  childList: { length: number; getAt(i: number): ElementLike };
  core: {
    renderContext: { px: number; py: number; ta: number; alpha: number };
    _worldContext?: { alpha: number };
  };
  rect?: boolean;
}

interface Box {
  path: string;
  x: number;
  y: number;
  w: number;
  h: number;
  text?: string;
  fontSize?: number;
}

const walk = (element: ElementLike, path: string, out: Box[]) => {
  if (!element.visible || element.alpha === 0) return;
  const ctx = element.core.renderContext;
  const name = `${path}/${element.ref ?? '?'}`;
  const text = element.text?.text;
  if (ctx.alpha > 0) {
    out.push({
      path: name,
      x: ctx.px,
      y: ctx.py,
      w: element.renderWidth * ctx.ta,
      h: element.renderHeight * ctx.ta,
      ...(text ? { text, fontSize: element.text?.fontSize ?? 0 } : {}),
    });
  }
  for (let i = 0; i < element.childList.length; i += 1) walk(element.childList.getAt(i), name, out);
};

export const boxes = (app: Lightning.Application): Box[] => {
  const out: Box[] = [];
  walk(app as unknown as ElementLike, '', out);
  return out;
};

/** Visible texts, top to bottom then left to right. */
export const visibleTexts = (app: Lightning.Application): string[] =>
  boxes(app)
    .filter((box) => box.text)
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((box) => box.text as string);

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
    const label = box.text ? `"${box.text.slice(0, 24)}"` : box.path;
    if (outside) {
      problems.push(
        `${label} outside the safe area: ${[box.x, box.y, box.w, box.h].map(Math.round).join(',')}`,
      );
    }
    if (box.text && (box.fontSize ?? 0) < theme.type.body)
      problems.push(`${label} is ${box.fontSize}px (< ${theme.type.body})`);
  }
  return problems;
}
