/**
 * The one-stop address change: 最新4情報 with consent, the services and what each holds, and the
 * request signed once with the card's signature key (本人同意). create() always sends an
 * Idempotency-Key: a retry or a second OK makes no second request. Poll get() for each service's
 * status (送信中 / 受付済み / 完了 / 要対応).
 */
import { bytesToBase64 } from '../base64';
import { addressChangeConsentDigest } from '../consent';
import type {
  AddressChange,
  AddressChangeList,
  AddressChangeRequest,
  BasicInformation,
  ConsentChallenge,
  LinkedServiceList,
} from '../types';
import { createOnce } from './bookings';
import { getResource, segment, sendChange, type CallOptions, type ResourceContext } from './context';

/** What the SDK needs from the card for the consent: the signature key (the signature password). */
export interface ConsentCard {
  readSignCertificate(): Promise<Uint8Array>;
  signWithSignKey(sha256Digest: Uint8Array): Promise<Uint8Array>;
}

export interface AddressChangeChoice {
  newAddress: string;
  services: string[];
}

export class AddressChangesResource {
  constructor(private readonly context: ResourceContext) {}

  /** 最新4情報 from J-LIS; call only after the viewer agreed to the fetch. */
  fetchBasicInformation(options: CallOptions = {}): Promise<BasicInformation> {
    return sendChange<BasicInformation>(
      this.context,
      'POST',
      '/v1/address-changes/basic-information',
      options,
      { consent: true },
    );
  }

  services(options: CallOptions = {}): Promise<LinkedServiceList> {
    return getResource<LinkedServiceList>(this.context, '/v1/address-changes/services', options);
  }

  challenge(options: CallOptions = {}): Promise<ConsentChallenge> {
    return sendChange<ConsentChallenge>(this.context, 'POST', '/v1/address-changes/challenges', options);
  }

  /** Signs the consent with the card (a fresh challenge) and sends the request. */
  async create(
    card: ConsentCard,
    choice: AddressChangeChoice,
    options: CallOptions & { idempotencyKey?: string } = {},
  ): Promise<AddressChange> {
    const { challenge } = await this.challenge(options);
    const digest = await addressChangeConsentDigest({ challenge, ...choice });
    const signCertificate = await card.readSignCertificate();
    const signature = await card.signWithSignKey(digest);
    return this.createWithSignature(
      {
        challenge,
        ...choice,
        signCertificate: bytesToBase64(signCertificate),
        signature: bytesToBase64(signature),
      },
      options,
    );
  }

  /** Sends a signed request; the same key (and body) again returns the same request. */
  createWithSignature(
    request: AddressChangeRequest,
    options: CallOptions & { idempotencyKey?: string } = {},
  ): Promise<AddressChange> {
    return createOnce<AddressChange>(this.context, '/v1/address-changes', request, options);
  }

  list(options: CallOptions = {}): Promise<AddressChangeList> {
    return getResource<AddressChangeList>(this.context, '/v1/address-changes', options);
  }

  get(requestId: string, options: CallOptions = {}): Promise<AddressChange> {
    return getResource<AddressChange>(this.context, `/v1/address-changes/${segment(requestId)}`, options);
  }
}
