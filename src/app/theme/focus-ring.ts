import { Lightning } from '@lightningjs/sdk';

/**
 * The rounded fill of a focusable thing and the ring around it (focus shows as the ring, never as
 * colour alone): the ring first so the fill sits on it, `ringWidth` of it showing around the fill.
 */
export const ringAndFill = (
  shape: { radius: number; ringWidth: number; fill: number },
  ring: { color: number } | { alpha: number },
) => ({
  Ring: {
    rect: true,
    ...ring,
    shader: { type: Lightning.shaders.RoundedRectangle, radius: shape.radius + shape.ringWidth },
  },
  Fill: {
    rect: true,
    color: shape.fill,
    shader: { type: Lightning.shaders.RoundedRectangle, radius: shape.radius },
  },
});
