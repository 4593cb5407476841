/**
 * Starts chromedriver on a free loopback port and opens a session that drives Chromium headless at
 * 1920×1080 (the app's stage), with WebGL on SwiftShader and the page's console kept for the log.
 * `MADOGUCHI_CHROMIUM` / `MADOGUCHI_CHROMEDRIVER` override the binaries (Debian: chromium,
 * chromium-driver).
 */
import { startDriverProcess, type Driver } from './driver-process';

const CHROMIUM = process.env.MADOGUCHI_CHROMIUM ?? '/usr/bin/chromium';
const CHROMEDRIVER = process.env.MADOGUCHI_CHROMEDRIVER ?? 'chromedriver';

const chromiumCapabilities = () => ({
  browserName: 'chrome',
  'goog:chromeOptions': {
    binary: CHROMIUM,
    args: [
      '--headless=new',
      '--window-size=1920,1080',
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--no-first-run',
      '--disable-extensions',
      '--autoplay-policy=no-user-gesture-required',
    ],
  },
  'goog:loggingPrefs': { browser: 'ALL' },
});

export const startChromium = (): Promise<Driver> =>
  startDriverProcess({
    name: 'chromedriver',
    command: CHROMEDRIVER,
    args: (port) => [`--port=${port}`, '--allowed-ips=127.0.0.1'],
    capabilities: chromiumCapabilities(),
  });

/**
 * A phone beside the TV: Chromium headless with a 360×640 mobile viewport (touch, a phone's user
 * agent), for the pages a viewer opens on their phone (the pairing page).
 */
export const startPhoneChromium = (): Promise<Driver> =>
  startDriverProcess({
    name: 'chromedriver (phone)',
    command: CHROMEDRIVER,
    args: (port) => [`--port=${port}`, '--allowed-ips=127.0.0.1'],
    capabilities: {
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: CHROMIUM,
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-dev-shm-usage',
          '--no-first-run',
          '--disable-extensions',
        ],
        mobileEmulation: {
          deviceMetrics: { width: 360, height: 640, pixelRatio: 3, touch: true, mobile: true },
          userAgent:
            'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
        },
      },
    },
  });
