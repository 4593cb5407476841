/**
 * The QR code of the phone page's address, drawn with lean-qr's matrix into a canvas the size it
 * shows at (whole pixels per module, so no scaling blurs it) and handed to Lightning as a canvas
 * texture: no DOM element, so it shows wherever Lightning does (WPE WebKit's WebGL). Dark on white,
 * with the 4-module quiet zone the standard asks for; correction level M survives a TV's glare.
 */
import { Lightning } from '@lightningjs/sdk';
import { correction, generate, type Bitmap2D } from 'lean-qr';

/** ISO/IEC 18004: four light modules around the code. */
export const QUIET_MODULES = 4;
const DARK = '#000000';
const LIGHT = '#FFFFFF';

export const qrCode = (text: string): Bitmap2D => generate(text, { minCorrectionLevel: correction.M });

/** Whole pixels per module within `maxSide`, and the side that gives (quiet zone included). */
export function qrLayout(modules: number, maxSide: number): { moduleSize: number; side: number } {
  const moduleSize = Math.max(1, Math.floor(maxSide / (modules + 2 * QUIET_MODULES)));
  return { moduleSize, side: moduleSize * (modules + 2 * QUIET_MODULES) };
}

/** What drawing needs of a 2D context (a canvas's, or a test's raster). */
export interface QrContext {
  fillStyle: unknown;
  fillRect(x: number, y: number, w: number, h: number): void;
}

/** Draws `code` at `moduleSize` px per module, light background and quiet zone included. */
export function drawQr(context: QrContext, code: Bitmap2D, moduleSize: number): void {
  const side = moduleSize * (code.size + 2 * QUIET_MODULES);
  context.fillStyle = LIGHT;
  context.fillRect(0, 0, side, side);
  context.fillStyle = DARK;
  for (let y = 0; y < code.size; y += 1) {
    for (let x = 0; x < code.size; x += 1) {
      if (!code.get(x, y)) continue;
      const left = (x + QUIET_MODULES) * moduleSize;
      context.fillRect(left, (y + QUIET_MODULES) * moduleSize, moduleSize, moduleSize);
    }
  }
}

type Factory = (
  cb: (error: Error | null, canvas?: HTMLCanvasElement) => void,
  stage: Lightning.Stage,
) => void;

/** A Lightning texture of the QR code of `text`, at most `maxSide` px square; and its side. */
export function qrTexture(text: string, maxSide: number): { texture: object; side: number } {
  const code = qrCode(text);
  const { moduleSize, side } = qrLayout(code.size, maxSide);
  const factory: Factory = (cb, stage) => {
    const canvas = stage.platform.getDrawingCanvas() as HTMLCanvasElement;
    canvas.width = side;
    canvas.height = side;
    const context = canvas.getContext('2d');
    if (!context) {
      cb(new Error('no 2D canvas'));
      return;
    }
    drawQr(context, code, moduleSize);
    cb(null, canvas);
  };
  return { texture: Lightning.Tools.getCanvasTexture(factory as never, `qr:${side}:${text}`), side };
}
