/**
 * Pairing the TV with a phone (RFC 8628 device flow), the TV's side: `start` asks for the codes the
 * screen shows (the user code, and `verificationUriComplete` as a QR code); `poll` asks once whether
 * the viewer answered on the phone. The caller waits `intervalSeconds` between polls — it grows when
 * the platform says slow_down — and stops at `expiresInSeconds`. Neither call is retried: a lost
 * answer is followed by the next poll, and a new start gives new codes.
 */
import { PairingError } from '../errors';
import type {
  DeviceAuthorization,
  LoginGrant,
  PairingGrant,
  PhoneItem,
  PhoneItemRequest,
  ProblemCode,
  RemoteEntry,
  RemoteInput,
  RemoteInputs,
  TokenPair,
} from '../types';
import type { CallOptions, ResourceContext } from './context';

/** The box as the operator knows it: its TV app (`client_id`), an id for the box and its name. */
export interface PairingBox {
  /** The operator's TV app, e.g. `madoguchi-cable-tokyo`. */
  clientId: string;
  /** 16–64 characters A–Z a–z 0–9 _ -: the operator's box id or one the box keeps for pairing. */
  boxId: string;
  /** What the phone page shows, e.g. リビングのテレビ (plain text, at most 32 characters). */
  boxName: string;
}

export interface PairingStart {
  /** The box's TV app, as given to start (polls name it). */
  clientId: string;
  deviceCode: string;
  /** `XXXX-XXXX`, to show large on the screen. */
  userCode: string;
  verificationUri: string;
  /** The page with the code filled in: the QR code's content. */
  verificationUriComplete: string;
  expiresInSeconds: number;
  intervalSeconds: number;
}

/**
 * `pairing` joins a phone to the box; `login` logs the TV in without a reader: the viewer's card is
 * read by デジタル認証アプリ on the phone, and the poll that finds it done opens the session.
 */
export type PairingScope = 'pairing' | 'login';

export type PairingPoll =
  /** Not answered yet: poll again after `intervalSeconds` (grown after a slow_down). */
  | { status: 'pending'; intervalSeconds: number }
  | { status: 'paired'; pairingId: string; token: string; expiresInSeconds: number }
  /** `login`: the session is open (the client now holds its tokens), as after a card login. */
  | { status: 'loggedIn'; tokens: TokenPair }
  /**
   * The viewer chose 承認しない on the phone; or, for `login`, the platform refused the card read on
   * the phone, `reason` saying why (REGISTRATION_REQUIRED, CERTIFICATE_REVOKED …).
   */
  | { status: 'denied'; error: PairingError; reason?: ProblemCode }
  /** The codes ran out (or were spent): start again for new ones. */
  | { status: 'expired'; error: PairingError };

/** The pairing the TV holds now: the grant's token and the box it was given to. */
export interface CurrentPairing {
  token: string;
  boxId: string;
}

const pairingHeaders = (pairing: CurrentPairing): Record<string, string> => ({
  'X-Pairing-Token': pairing.token,
  'X-Pairing-Box': pairing.boxId,
});

const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

export class PairingResource {
  constructor(private readonly context: ResourceContext) {}

  async start(box: PairingBox, options: CallOptions & { scope?: PairingScope } = {}): Promise<PairingStart> {
    const scope = options.scope ?? 'pairing';
    const answer = await this.context.http.send<DeviceAuthorization>({
      method: 'POST',
      path: '/v1/pairing/device-authorizations',
      body: { client_id: box.clientId, box_id: box.boxId, box_name: box.boxName, scope },
      signal: options.signal,
    });
    return {
      clientId: box.clientId,
      deviceCode: answer.device_code,
      userCode: answer.user_code,
      verificationUri: answer.verification_uri,
      verificationUriComplete: answer.verification_uri_complete,
      expiresInSeconds: answer.expires_in,
      intervalSeconds: answer.interval,
    };
  }

  /**
   * One poll of a started flow. Its `intervalSeconds` is the wait in force; a pending result says
   * the next one (keep it: `{ ...started, intervalSeconds }`). Other failures (network, limits, a
   * bad client) throw as every call does.
   */
  async poll(
    started: Pick<PairingStart, 'clientId' | 'deviceCode' | 'intervalSeconds'>,
    options: CallOptions = {},
  ): Promise<PairingPoll> {
    const { clientId, deviceCode, intervalSeconds } = started;
    try {
      const grant = await this.context.http.send<PairingGrant | LoginGrant>({
        method: 'POST',
        path: '/v1/pairing/token',
        body: { grant_type: GRANT_TYPE, device_code: deviceCode, client_id: clientId },
        signal: options.signal,
      });
      if (grant.scope === 'login') return { status: 'loggedIn', tokens: this.accept(grant) };
      return {
        status: 'paired',
        pairingId: grant.pairing_id,
        token: grant.access_token,
        expiresInSeconds: grant.expires_in,
      };
    } catch (error) {
      if (!(error instanceof PairingError)) throw error;
      switch (error.code) {
        case 'AUTHORIZATION_PENDING':
          return { status: 'pending', intervalSeconds };
        case 'SLOW_DOWN': {
          // RFC 8628 §3.5: 5 s more from now on, whether or not the platform said the new value.
          const given = (error.problem as { interval?: unknown } | undefined)?.interval;
          return {
            status: 'pending',
            intervalSeconds:
              typeof given === 'number' && given > intervalSeconds ? given : intervalSeconds + 5,
          };
        }
        case 'ACCESS_DENIED': {
          const reason = (error.problem as { reason?: unknown } | undefined)?.reason;
          return typeof reason === 'string'
            ? { status: 'denied', error, reason: reason as ProblemCode }
            : { status: 'denied', error };
        }
        case 'EXPIRED_TOKEN':
        case 'INVALID_GRANT':
          return { status: 'expired', error };
        default:
          throw error;
      }
    }
  }

  /** The login grant as the session's tokens, kept by the client as a card login's are. */
  private accept(grant: LoginGrant): TokenPair {
    const tokens: TokenPair = {
      tokenType: 'Bearer',
      accessToken: grant.access_token,
      accessTokenExpiresAt: grant.access_token_expires_at,
      refreshToken: grant.refresh_token,
      refreshTokenExpiresAt: grant.refresh_token_expires_at,
    };
    this.context.session.accept(tokens);
    return tokens;
  }

  /**
   * Sends an item (plain text the TV composed) to the phone paired now, as the signed-in viewer.
   * NotPairedError (`PAIRING_NOT_FOUND`) when that pairing ended or is another viewer's. Not retried:
   * a lost answer could mean the phone has it already.
   */
  sendToPhone(
    pairing: CurrentPairing,
    item: PhoneItemRequest,
    options: CallOptions = {},
  ): Promise<PhoneItem> {
    return this.context.session.send<PhoneItem>({
      method: 'POST',
      path: '/v1/pairing/current/items',
      headers: pairingHeaders(pairing),
      body: item,
      signal: options.signal,
    });
  }

  /**
   * One short poll of the phone's touch remote: says what the screen takes now (`entry`; `secret`
   * on a PIN or password screen, where the platform drops every press) and takes the inputs that
   * waited, oldest first. NotPairedError when the pairing ended: stop polling. Not retried.
   */
  async takeRemoteInputs(
    pairing: CurrentPairing,
    entry: RemoteEntry,
    options: CallOptions = {},
  ): Promise<RemoteInput[]> {
    const answer = await this.context.session.send<RemoteInputs>({
      method: 'POST',
      path: '/v1/pairing/current/remote',
      headers: pairingHeaders(pairing),
      body: { entry },
      signal: options.signal,
    });
    return answer.inputs;
  }

  /** Ends the pairing from the TV (つながりを解除); NotPairedError when it had ended already. */
  unpair(pairing: CurrentPairing, options: CallOptions = {}): Promise<void> {
    return this.context.session.send<void>({
      method: 'DELETE',
      path: '/v1/pairing/current',
      headers: pairingHeaders(pairing),
      signal: options.signal,
    });
  }
}
