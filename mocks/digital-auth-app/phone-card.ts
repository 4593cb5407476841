/**
 * The My Number Card held to the phone, as the simulated デジタル認証アプリ reads it: our virtual
 * card (the spec's bytes) through the bridge's own JPKI driver, in process, as the real app reads
 * the card over NFC. The PIN the viewer types on the app's screen is verified by the card, which
 * counts the tries: three wrong ones lock it, and the last try is spent only when the viewer
 * confirmed it on that screen.
 */
import { createHash } from 'node:crypto';
import { JpkiCard } from '../../native-bridge/src/jpki/jpki-card';
import {
  LastAttemptNeedsConfirmationError,
  PinFormatError,
  PinIncorrectError,
  PinLockedError,
} from '../../native-bridge/src/jpki/errors';
import { VirtualCardTransport } from '../virtual-card/in-process-transport';
import { VirtualJpkiCard } from '../virtual-card/jpki-applet';
import type { VirtualCardState } from '../virtual-card/state';

/** What the app hands the relying party: the auth certificate and its key's signature. */
export interface CardAuthentication {
  authCertificate: Uint8Array;
  /** RSASSA-PKCS1-v1_5 / SHA-256 over the challenge's bytes, made by the card. */
  signature: Uint8Array;
}

export type PinRefusal =
  | { reason: 'format' }
  | { reason: 'incorrect'; triesLeft: number }
  | { reason: 'confirmLastTry' }
  | { reason: 'locked' };

export class PinRefused extends Error {
  constructor(readonly refusal: PinRefusal) {
    super(`PIN refused: ${refusal.reason}`);
    this.name = 'PinRefused';
  }
}

const base64UrlBytes = (value: string): Buffer => Buffer.from(value, 'base64url');

export class PhoneCard {
  private readonly driver: JpkiCard;

  constructor(readonly state: VirtualCardState) {
    this.driver = new JpkiCard(new VirtualCardTransport(new VirtualJpkiCard({ state })));
  }

  /** The auth PIN's tries left as the card counts them (the app shows them before each try). */
  get triesLeft(): number {
    return this.state.triesLeft.auth;
  }

  /**
   * Signs the relying party's challenge (base64url) with the auth key after the card verified
   * `pin`. `confirmLastTry`: the viewer agreed on screen to spend the last try.
   */
  async authenticate(pin: string, challenge: string, confirmLastTry: boolean): Promise<CardAuthentication> {
    const digest = createHash('sha256').update(base64UrlBytes(challenge)).digest();
    try {
      const signature = await this.driver.sign('auth', pin, digest, { confirmLastAttempt: confirmLastTry });
      return { authCertificate: await this.driver.readCertificate('auth'), signature };
    } catch (error) {
      throw refusalOf(error);
    }
  }
}

function refusalOf(error: unknown): unknown {
  if (error instanceof PinIncorrectError)
    return new PinRefused({ reason: 'incorrect', triesLeft: error.triesLeft });
  if (error instanceof PinLockedError) return new PinRefused({ reason: 'locked' });
  if (error instanceof LastAttemptNeedsConfirmationError) return new PinRefused({ reason: 'confirmLastTry' });
  if (error instanceof PinFormatError) return new PinRefused({ reason: 'format' });
  return error;
}
