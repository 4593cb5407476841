/**
 * A test page for the platform simulator's browser face: msw's service worker answers the page's real
 * fetch calls to the platform's origin. The page puts what it got in `window.__platformResult`.
 */
import { startBrowserPlatform } from '../../mocks/platform/browser';

export const PLATFORM_ORIGIN = 'https://platform.madoguchi.example';

interface PageWindow {
  __anchors: string[];
  __platformResult?: unknown;
}

const page = window as unknown as PageWindow;
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function run(): Promise<unknown> {
  await startBrowserPlatform({
    baseUrl: PLATFORM_ORIGIN,
    trustAnchors: { auth: page.__anchors.map((anchor) => ({ der: fromBase64(anchor), requireCrl: false })) },
  });
  const challenge = await fetch(`${PLATFORM_ORIGIN}/v1/auth/challenges`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ purpose: 'login' }),
  });
  const facilities = await fetch(`${PLATFORM_ORIGIN}/v1/facilities`);
  return {
    challenge: { status: challenge.status, body: await challenge.json() },
    facilities: {
      status: facilities.status,
      type: facilities.headers.get('content-type'),
      body: await facilities.json(),
    },
  };
}

run().then(
  (result) => (page.__platformResult = result),
  (error: unknown) => (page.__platformResult = { error: String(error) }),
);
