/**
 * What the two booking grids (the calendar's days, a room's time slots) share: a tile centred in
 * its cell that grows and comes to the front when focused, drawn as a rounded ring behind a
 * rounded fill, and arrows that move the focus a cell (Left/Right) or a row (Up/Down). The
 * rounded box is also the cancel question's panel.
 */
import { Lightning } from '@lightningjs/sdk';
import { ScreenFrame } from '../../../app/components/ScreenFrame/ScreenFrame';
import { Screen } from '../../../app/screens/Screen';

interface TileGeometry {
  w: number;
  h: number;
  gap: number;
  ring: number;
  radius: number;
  focusScale: number;
}

/**
 * A grid screen's elements: the frame, the `header` texts, the `Grid` at `at` (its tiles are
 * patched in; `grid` adds what it holds from the start), then what is drawn beside it (`after`).
 */
export const gridScreenTemplate = (
  at: { x: number; y: number },
  parts: { header: Record<string, unknown>; grid?: Record<string, unknown>; after?: Record<string, unknown> },
) => ({
  Frame: { type: ScreenFrame },
  ...parts.header,
  Grid: { x: at.x, y: at.y, ...parts.grid },
  ...parts.after,
});

/** A filled box with rounded corners (Lightning rounds them with a shader). */
export const roundedRect = (
  box: { x?: number; y?: number; w: number; h: number },
  color: number,
  radius: number,
) => ({
  ...box,
  rect: true,
  color,
  shader: { type: Lightning.shaders.RoundedRectangle, radius },
});

/** The tile at `column`, `row`; its content (labels) is added by the screen after Ring and Fill. */
export const gridTile = (
  g: TileGeometry,
  column: number,
  row: number,
  focused: boolean,
  colors: { ring: number; fill: number },
) => ({
  x: column * (g.w + g.gap) + g.w / 2,
  y: row * (g.h + g.gap) + g.h / 2,
  w: g.w,
  h: g.h,
  mount: 0.5,
  scale: focused ? g.focusScale : 1,
  zIndex: focused ? 1 : 0,
  Ring: roundedRect(
    { x: -g.ring, y: -g.ring, w: g.w + 2 * g.ring, h: g.h + 2 * g.ring },
    colors.ring,
    g.radius + g.ring,
  ),
  Fill: roundedRect({ w: g.w, h: g.h }, colors.fill, g.radius),
});

/** A screen whose focus moves over a grid; Back sends BACK. */
export abstract class FocusGridScreen<Props> extends Screen<Props> {
  /** Cells in a row: Up and Down move the focus by this many. */
  protected abstract rowLength(): number;

  /** Moves the focus `delta` cells if it stays inside the grid; true: the key is used either way. */
  protected abstract move(delta: number): boolean;

  override _handleLeft() {
    return this.move(-1);
  }

  override _handleRight() {
    return this.move(1);
  }

  override _handleUp() {
    return this.move(-this.rowLength());
  }

  override _handleDown() {
    return this.move(this.rowLength());
  }

  override _handleBack() {
    this.send({ type: 'BACK' });
    return true;
  }
}
