/**
 * A simulated デジタル認証アプリ: an OpenID Connect provider (`oidc-provider`) whose login step is
 * the app's own screen, where the viewer types the card's PIN and the card held to the phone signs
 * the relying party's challenge with its authentication key. The relying party sends that challenge
 * as the request's `nonce` and receives, in the ID token, the authentication certificate and the
 * card's signature over it, to verify as it verifies a card login on the TV (chain, CRL, signature):
 * the app vouches for nothing the relying party cannot check itself. Authorization code with PKCE
 * (S256) only; every request must ask `prompt=login`, so each login reads the card again.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { renderAppScreen, type AppScreen } from './app-pages';
import { JPKI_CLAIM } from './claims';
import { PinRefused, type CardAuthentication, type PhoneCard } from './phone-card';

export interface RelyingParty {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** What the app's screen calls the service. */
  name: { ja: string; en: string };
}

export interface DigitalAuthAppOptions {
  relyingParties: RelyingParty[];
  /** The card held to the phone (one at a time, as with a real phone). */
  card?: PhoneCard;
  host?: string;
  port?: number;
}

/** A card reading waits this long for the relying party to redeem its code. */
const READING_TTL_MS = 10 * 60_000;
const MAX_FORM_BYTES = 2048;
const MAX_READINGS = 1000;

interface Reading extends CardAuthentication {
  expiresAt: number;
}

const readForm = (request: http.IncomingMessage): Promise<URLSearchParams> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        reject(new Error('form too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    request.on('error', reject);
  });

export class DigitalAuthApp {
  /** Card readings by the nonce they signed, until the relying party redeems its code. */
  private readonly readings = new Map<string, Reading>();
  private provider!: Provider;
  card: PhoneCard | undefined;
  issuer = '';

  private constructor(
    private readonly server: http.Server,
    private readonly relyingParties: RelyingParty[],
    card: PhoneCard | undefined,
  ) {
    this.card = card;
  }

  static async start(options: DigitalAuthAppOptions): Promise<DigitalAuthApp> {
    let handle: http.RequestListener = (_request, response) => response.writeHead(503).end();
    const server = http.createServer((request, response) => handle(request, response));
    await new Promise<void>((resolve) =>
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
    );
    const app = new DigitalAuthApp(server, options.relyingParties, options.card);
    const { address, port } = server.address() as AddressInfo;
    app.issuer = `http://${address}:${port}`;
    app.provider = new Provider(app.issuer, app.configuration());
    const callback = app.provider.callback();
    handle = (request, response) => {
      if (request.url?.startsWith('/app/')) {
        app.interaction(request, response).catch(() => app.screen(response, { kind: 'gone' }, 400));
      } else {
        void callback(request, response);
      }
    };
    return app;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private configuration(): Configuration {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return {
      clients: this.relyingParties.map((rp) => ({
        client_id: rp.clientId,
        client_secret: rp.clientSecret,
        redirect_uris: rp.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      })),
      jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'app-1', use: 'sig', alg: 'RS256' }] },
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      pkce: { required: () => true },
      // Short lives: a login is one card reading, redeemed at once by the relying party.
      ttl: {
        Interaction: 600,
        Session: 600,
        Grant: 600,
        AuthorizationCode: 60,
        AccessToken: 60,
        IdToken: 60,
      },
      scopes: ['openid', 'jpki'],
      claims: { openid: ['sub'], jpki: Object.values(JPKI_CLAIM) },
      // The relying party reads the certificate from the ID token, where it is signed with the rest.
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/app/${interaction.uid}` },
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client!.clientId,
          accountId: ctx.oidc.session!.accountId!,
        });
        grant.addOIDCScope('openid jpki');
        await grant.save();
        return grant;
      },
      findAccount: (_ctx, sub, token) => {
        const nonce = (token as { nonce?: string } | undefined)?.nonce;
        const reading = nonce ? this.readings.get(nonce) : undefined;
        if (nonce) this.readings.delete(nonce);
        return {
          accountId: sub,
          claims: () => ({
            sub,
            ...(reading && reading.expiresAt > Date.now()
              ? {
                  [JPKI_CLAIM.certificate]: Buffer.from(reading.authCertificate).toString('base64'),
                  [JPKI_CLAIM.signature]: Buffer.from(reading.signature).toString('base64'),
                }
              : {}),
          }),
        };
      },
      renderError: (ctx) => {
        ctx.type = 'html';
        ctx.body = renderAppScreen({ kind: 'gone' }, '');
      },
    };
  }

  /** `/app/{uid}`: the PIN screen; `/app/{uid}/pin`: a try; `/app/{uid}/cancel`: the viewer gave up. */
  private async interaction(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const details = await this.provider.interactionDetails(request, response);
    const base = `/app/${details.uid}`;
    const path = new URL(request.url!, this.issuer).pathname;
    const rp = this.relyingParties.find((r) => r.clientId === details.params.client_id);
    const nonce = details.params.nonce;
    if (!rp || details.prompt.name !== 'login' || typeof nonce !== 'string') {
      return this.finish(request, response, { error: 'access_denied', error_description: 'not a login' });
    }
    const pinScreen = (problem?: 'incorrect' | 'format' | 'confirmLastTry'): AppScreen => ({
      kind: 'pin',
      service: rp.name,
      triesLeft: this.card?.triesLeft ?? 0,
      action: `${base}/pin`,
      cancel: `${base}/cancel`,
      ...(problem ? { problem } : {}),
    });
    if (request.method === 'POST' && path === `${base}/cancel`) {
      return this.finish(request, response, { error: 'access_denied', error_description: 'cancelled' });
    }
    if (!this.card)
      return this.screen(response, { kind: 'noCard', retry: base, cancel: `${base}/cancel` }, 409);
    if (this.card.triesLeft === 0) return this.screen(response, { kind: 'locked', cancel: `${base}/cancel` });
    if (request.method !== 'POST' || path !== `${base}/pin`) return this.screen(response, pinScreen());
    const form = await readForm(request);
    try {
      const reading = await this.card.authenticate(
        form.get('pin') ?? '',
        nonce,
        form.get('confirmLastTry') === 'yes',
      );
      this.remember(nonce, reading);
    } catch (error) {
      if (!(error instanceof PinRefused)) throw error;
      if (error.refusal.reason === 'locked') {
        return this.screen(response, { kind: 'locked', cancel: `${base}/cancel` }, 403);
      }
      return this.screen(response, pinScreen(error.refusal.reason), 400);
    }
    const accountId = `jpki-${Buffer.from(randomBytes(12)).toString('base64url')}`;
    return this.finish(request, response, { login: { accountId, remember: false } });
  }

  private remember(nonce: string, reading: CardAuthentication): void {
    const now = Date.now();
    for (const [key, kept] of this.readings) {
      if (kept.expiresAt <= now || this.readings.size >= MAX_READINGS) this.readings.delete(key);
    }
    this.readings.set(nonce, { ...reading, expiresAt: now + READING_TTL_MS });
  }

  private async finish(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    result: Parameters<Provider['interactionFinished']>[2],
  ): Promise<void> {
    await this.provider.interactionFinished(request, response, result, { mergeWithLastSubmission: false });
  }

  private screen(response: http.ServerResponse, screen: AppScreen, status = 200): void {
    const nonce = randomBytes(16).toString('base64');
    const formTargets = this.relyingParties
      .flatMap((rp) => rp.redirectUris.map((uri) => new URL(uri).origin))
      .join(' ');
    response.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self' ${formTargets}; frame-ancestors 'none'; base-uri 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    response.end(renderAppScreen(screen, nonce));
  }
}
