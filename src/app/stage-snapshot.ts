/**
 * Test builds only: what the stage draws, as a flat list of elements in drawing order with their
 * final place on screen (after flex layout and every parent's offset), their colours, texts, images
 * and rounded corners. The bench's same-screen floor draws exactly this list with bare Lightning, so
 * its ratio to ours is what our app adds, not what the screen costs.
 */
import { Lightning } from '@lightningjs/sdk';

export interface DrawnElement {
  /** Refs (or child indices) from the root: the same element in two snapshots of one screen. */
  path: string;
  x: number;
  y: number;
  w: number;
  h: number;
  scale?: number;
  alpha: number;
  colors?: { ul: number; ur: number; bl: number; br: number };
  rect?: true;
  /** The text texture's settings that differ from Lightning's defaults. */
  text?: Record<string, unknown>;
  image?: string;
  rounded?: { radius: unknown; stroke?: number; strokeColor?: number; fillColor?: number; blend?: number };
}

interface SnapshotElement {
  ref?: string;
  visible: boolean;
  alpha: number;
  rect: boolean;
  renderWidth: number;
  renderHeight: number;
  colorUl: number;
  colorUr: number;
  colorBl: number;
  colorBr: number;
  texture: unknown;
  shader: unknown;
  core: { renderContext: { px: number; py: number; ta: number; alpha: number } };
  childList: { length: number; getAt(i: number): SnapshotElement };
}

const WHITE = 0xffffffff;
/** RoundedRectangle's fillColor until one is set (it then fills with the element's colour). */
const UNSET_FILL = 0x00ffffff;

export function snapshotStage(root: unknown): DrawnElement[] {
  const drawn: DrawnElement[] = [];
  const visit = (element: SnapshotElement, path: string) => {
    const context = element.core.renderContext;
    if (!element.visible || element.alpha === 0 || context.alpha === 0) return;
    const node = drawnOf(element, path);
    if (node) drawn.push(node);
    for (let i = 0; i < element.childList.length; i++) {
      const child = element.childList.getAt(i);
      visit(child, `${path}/${child.ref ?? `#${i}`}`);
    }
  };
  visit(root as SnapshotElement, '');
  return drawn;
}

function drawnOf(element: SnapshotElement, path: string): DrawnElement | undefined {
  const texture = element.texture;
  const isText = texture instanceof Lightning.textures.TextTexture;
  const isImage = texture instanceof Lightning.textures.ImageTexture;
  if (!element.rect && !isText && !isImage) return undefined;
  const context = element.core.renderContext;
  const node: DrawnElement = {
    path,
    x: context.px,
    y: context.py,
    w: element.renderWidth,
    h: element.renderHeight,
    alpha: context.alpha,
    ...(context.ta !== 1 ? { scale: context.ta } : {}),
  };
  const { colorUl: ul, colorUr: ur, colorBl: bl, colorBr: br } = element;
  if (ul !== WHITE || ur !== WHITE || bl !== WHITE || br !== WHITE) node.colors = { ul, ur, bl, br };
  if (element.rect) node.rect = true;
  if (isText) {
    const { type: _type, ...settings } = (
      texture as unknown as { getNonDefaults(): Record<string, unknown> }
    ).getNonDefaults();
    node.text = settings;
  }
  if (isImage) node.image = (texture as { src: string }).src;
  const shader = element.shader as Record<string, number> | null;
  if (shader instanceof Lightning.shaders.RoundedRectangle) {
    // Only what was set: the shader's own "unset" fill (0x00ffffff) would paint nothing if passed on.
    const { radius, stroke, strokeColor, fillColor, blend } = shader;
    node.rounded = {
      radius,
      ...(stroke ? { stroke, strokeColor } : {}),
      ...(fillColor !== UNSET_FILL ? { fillColor } : {}),
      ...(blend ? { blend } : {}),
    };
  }
  return node;
}
