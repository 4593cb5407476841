/** The QR code as drawn reads back (jsQR) as exactly the phone page's address, quiet zone included. */
import jsQR from 'jsqr';
import { CODES } from '../../testing/pairing-data';
import { drawQr, qrCode, qrLayout, QUIET_MODULES, type QrContext } from './qr';

/** A 2D context that rasterises fillRect into RGBA, as a canvas would. */
function raster(side: number): QrContext & { data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(side * side * 4);
  const context = {
    data,
    fillStyle: '#000000' as unknown,
    fillRect(x: number, y: number, w: number, h: number) {
      const value = context.fillStyle === '#FFFFFF' ? 255 : 0;
      for (let row = y; row < y + h; row += 1) {
        for (let col = x; col < x + w; col += 1) {
          const at = (row * side + col) * 4;
          data.set([value, value, value, 255], at);
        }
      }
    },
  };
  return context;
}

const drawn = (text: string, maxSide: number) => {
  const code = qrCode(text);
  const { moduleSize, side } = qrLayout(code.size, maxSide);
  const context = raster(side);
  drawQr(context, code, moduleSize);
  return { code, moduleSize, side, data: context.data };
};

describe('the pairing QR code', () => {
  it.each([
    CODES.verificationUriComplete,
    'http://127.0.0.1:38211/pair?code=WXYZ-BCDF',
    'https://platform.madoguchi-cable-tokyo.example/v1/pair?code=BCDF-GHJK',
  ])('decodes to exactly %s', (text) => {
    const { data, side } = drawn(text, 560);
    expect(jsQR(data, side, side)?.data).toBe(text);
  });

  it('whole pixels per module, a light quiet zone of 4 modules, dark modules inside', () => {
    const { code, moduleSize, side, data } = drawn(CODES.verificationUriComplete, 560);
    expect(side).toBeLessThanOrEqual(560);
    expect(side).toBe(moduleSize * (code.size + 2 * QUIET_MODULES));
    const pixel = (x: number, y: number) => data[(y * side + x) * 4];
    const quiet = QUIET_MODULES * moduleSize;
    for (let i = 0; i < side; i += 1) {
      expect([pixel(i, quiet - 1), pixel(quiet - 1, i), pixel(i, side - quiet)]).toEqual([255, 255, 255]);
    }
    // The finder pattern's corner, top left.
    expect(pixel(quiet, quiet)).toBe(0);
  });

  it('keeps big modules at the screen size (a phone reads it from the sofa)', () => {
    const { moduleSize } = drawn(CODES.verificationUriComplete, 560);
    expect(moduleSize).toBeGreaterThanOrEqual(12);
  });
});
