/**
 * The TV app's client of the native card bridge: the connection (bridge-connection.ts) and the
 * card operations on it, with their params built from typed values and their results decoded. A
 * card call names the card it means (`cardId`) when the caller knows it and the bridge checks it.
 */
import type { ParamsOf, ResultOf } from '../../stb-spec/protocol/methods';
import { decodeBase64, encodeBase64 } from './base64';
import { BridgeConnection } from './bridge-connection';
import type { CallOptions, CardCallOptions, PinCallOptions, SignRequest } from './client-options';
import { protocolError } from './errors';

const SHA256_LENGTH = 32;

export class BridgeClient extends BridgeConnection {
  /** A certificate that needs no PIN, as DER. */
  async readCertificate(
    slot: ParamsOf<'readCertificate'>['slot'],
    options: CardCallOptions = {},
  ): Promise<Uint8Array> {
    const { cardId, ...callOptions } = options;
    const { der } = await this.call('readCertificate', { slot, ...this.withCard(cardId) }, callOptions);
    return decodeOrFail(der, 'readCertificate');
  }

  /**
   * The signature certificate (it holds name and address: the card asks the signature password).
   * `confirmLastAttempt`: as for sign.
   */
  async readSignCertificate(pin: string, options: PinCallOptions = {}): Promise<Uint8Array> {
    const { confirmLastAttempt, cardId, ...callOptions } = options;
    const params: ParamsOf<'readSignCertificate'> = { pin, ...this.withCard(cardId) };
    if (confirmLastAttempt !== undefined) params.confirmLastAttempt = confirmLastAttempt;
    const { der } = await this.call('readSignCertificate', params, callOptions);
    return decodeOrFail(der, 'readSignCertificate');
  }

  getPinStatus(
    kind: ParamsOf<'getPinStatus'>['pin'],
    options: CardCallOptions = {},
  ): Promise<ResultOf<'getPinStatus'>> {
    const { cardId, ...callOptions } = options;
    return this.call('getPinStatus', { pin: kind, ...this.withCard(cardId) }, callOptions);
  }

  /** RSASSA-PKCS1-v1_5 over a SHA-256 digest, by the card; the signature's bytes. */
  async sign(request: SignRequest, options?: CallOptions): Promise<Uint8Array> {
    if (request.digest.length !== SHA256_LENGTH) {
      throw new RangeError(`sign takes a ${SHA256_LENGTH}-byte SHA-256 digest, got ${request.digest.length}`);
    }
    const params: ParamsOf<'sign'> = {
      key: request.key,
      pin: request.pin,
      hash: 'SHA-256',
      digest: encodeBase64(request.digest),
      ...this.withCard(request.cardId),
    };
    if (request.confirmLastAttempt !== undefined) params.confirmLastAttempt = request.confirmLastAttempt;
    const { signature } = await this.call('sign', params, options);
    return decodeOrFail(signature, 'sign');
  }

  /**
   * `cardId` goes out only when known and only to a bridge that checks it: a 1.x bridge refuses a
   * param it does not know (BR-RPC-4). Never sent as undefined.
   */
  private withCard(cardId: string | undefined): { cardId?: string } {
    return cardId === undefined || !this.bridgeVersion?.cardIdentity ? {} : { cardId };
  }
}

function decodeOrFail(text: string, method: string): Uint8Array {
  try {
    return decodeBase64(text);
  } catch {
    throw protocolError(method);
  }
}
