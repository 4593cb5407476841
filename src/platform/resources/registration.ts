/**
 * 利用者登録・紐付け: the card proves both keys over one challenge, the signature certificate's name
 * and birth date are matched to the customer number, and the auth certificate is linked. The
 * registration also logs the viewer in (no second PIN entry).
 */
import { bytesToBase64 } from '../base64';
import { challengeDigest, type RegistrationCard } from '../card';
import type { RegistrationRequest, RegistrationResult } from '../types';
import type { CallOptions, ResourceContext } from './context';

export class RegistrationResource {
  constructor(private readonly context: ResourceContext) {}

  async register(
    card: RegistrationCard,
    customerNumber: string,
    options: CallOptions = {},
  ): Promise<RegistrationResult> {
    const { challenge } = await this.context.http.send<{ challenge: string }>({
      method: 'POST',
      path: '/v1/auth/challenges',
      body: { purpose: 'registration' },
      signal: options.signal,
    });
    const digest = await challengeDigest(challenge);
    const authCertificate = await card.readAuthCertificate();
    const authSignature = await card.signWithAuthKey(digest);
    const signCertificate = await card.readSignCertificate();
    const signSignature = await card.signWithSignKey(digest);
    return this.registerWithSignatures(
      {
        challenge,
        customerNumber,
        authCertificate: bytesToBase64(authCertificate),
        authSignature: bytesToBase64(authSignature),
        signCertificate: bytesToBase64(signCertificate),
        signSignature: bytesToBase64(signSignature),
      },
      options,
    );
  }

  async registerWithSignatures(
    request: RegistrationRequest,
    options: CallOptions = {},
  ): Promise<RegistrationResult> {
    const result = await this.context.http.send<RegistrationResult>({
      method: 'POST',
      path: '/v1/registrations',
      body: request,
      signal: options.signal,
    });
    this.context.session.accept(result.tokens);
    return result;
  }
}
