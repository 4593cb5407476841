/**
 * Starts WPEWebDriver on a free loopback port and opens a session that drives `cog` headless.
 * Capabilities (WebKit's WPE driver): `wpe:browserOptions` { binary, args }; cog needs
 * `--automation` to accept the driver's control (without it, it loads its working directory).
 */
import { startDriverProcess, type Driver } from './driver-process';

export const COG = process.env.MADOGUCHI_COG ?? '/usr/bin/cog';
export const WPE_WEBDRIVER = process.env.MADOGUCHI_WPE_WEBDRIVER ?? 'WPEWebDriver';

const wpeCapabilities = () => ({
  'wpe:browserOptions': { binary: COG, args: ['--platform=headless', '--automation'] },
});

export type { Driver };

export const startWpe = (): Promise<Driver> =>
  startDriverProcess({
    name: 'WPEWebDriver',
    command: WPE_WEBDRIVER,
    args: (port) => [`--port=${port}`, '--host=local'],
    capabilities: wpeCapabilities(),
  });
