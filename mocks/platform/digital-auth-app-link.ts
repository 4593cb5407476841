/**
 * The platform and the simulated デジタル認証アプリ started side by side, as an operator's platform
 * is registered with the real app: a client id and a fresh secret, the phone page's callback as
 * the only redirect address, and the card held to the phone taken from a virtual card's state file
 * (`npm run virtual-card -- --state FILE` writes one).
 */
import { randomBytes } from 'node:crypto';
import { DigitalAuthApp } from '../digital-auth-app/digital-auth-app';
import { PhoneCard } from '../digital-auth-app/phone-card';
import { loadCardState } from '../virtual-card/state';
import { phoneLoginOf, type PhoneLogin } from './simulator/pairing/phone-login';
import type { PlatformSimulator } from './simulator/simulator';

export interface DigitalAuthAppLink {
  app: DigitalAuthApp;
  phoneLogin: PhoneLogin;
}

const PLATFORM_AT_THE_APP = {
  clientId: 'madoguchi-platform',
  name: { ja: 'ケーブルテレビの窓口（まどぐち）', en: 'Madoguchi, your cable TV counter' },
};

export async function startDigitalAuthAppFor(
  simulator: PlatformSimulator,
  /** Where phones reach the platform (its public URL). */
  platformUrl: string,
  options: { host: string; port: number; phoneCardFile?: string | undefined },
): Promise<DigitalAuthAppLink> {
  const state = options.phoneCardFile ? loadCardState(options.phoneCardFile) : undefined;
  if (options.phoneCardFile && !state)
    throw new Error(`--phone-card: no card state in ${options.phoneCardFile}`);
  const clientSecret = randomBytes(32).toString('base64url');
  const redirectUri = `${platformUrl}/pair/login/callback`;
  const app = await DigitalAuthApp.start({
    host: options.host,
    port: options.port,
    relyingParties: [{ ...PLATFORM_AT_THE_APP, clientSecret, redirectUris: [redirectUri] }],
    ...(state ? { card: new PhoneCard(state) } : {}),
  });
  const phoneLogin = phoneLoginOf(simulator, {
    issuer: app.issuer,
    clientId: PLATFORM_AT_THE_APP.clientId,
    clientSecret,
    redirectUri,
  });
  return { app, phoneLogin };
}
