/**
 * Senders of notices (the city, the health insurer, the cable operator) and how they authenticate:
 * each has its own bearer credential, configured at the platform's start and never a viewer's
 * session. Only the SHA-256 of each credential is kept; a presented one is hashed and looked up,
 * so its comparison does not depend on how much of it matched.
 */
import type { Sender } from '../../../../src/platform/types';
import { hexOf } from '../crypto-port';
import { ProblemError } from '../problem';

export interface SenderConfig extends Sender {
  /** The sender's bearer credential: at least 32 characters. */
  token: string;
}

/** The demo town's senders (their credentials are made at start, or configured). */
export const DEMO_SENDERS: readonly Sender[] = [
  { id: 'city', name: '窓口町役場', nameEn: 'Madoguchi Town Office' },
  { id: 'health-insurer', name: '窓口町国民健康保険', nameEn: 'Madoguchi National Health Insurance' },
  { id: 'cable', name: '窓口町ケーブルテレビ', nameEn: 'Madoguchi Cable TV' },
];

/** The platform itself, for the notices it writes (an address change's result); it has no credential. */
export const PLATFORM_SENDER: Sender = {
  id: 'platform',
  name: 'ケーブル・プラットフォーム',
  nameEn: 'Cable platform',
};

const MIN_TOKEN_LENGTH = 32;
const MAX_TOKEN_LENGTH = 512;

async function sha256Hex(text: string): Promise<string> {
  return hexOf(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

export class SenderDirectory {
  private readonly byDigest = new Map<string, Sender>();
  private readonly byId = new Map<string, Sender>([[PLATFORM_SENDER.id, PLATFORM_SENDER]]);

  static async create(configs: readonly SenderConfig[]): Promise<SenderDirectory> {
    const directory = new SenderDirectory();
    for (const { token, ...sender } of configs) {
      if (token.length < MIN_TOKEN_LENGTH) {
        throw new Error(`the credential of sender ${sender.id} needs ${MIN_TOKEN_LENGTH} characters or more`);
      }
      if (directory.byId.has(sender.id)) throw new Error(`sender ${sender.id} is configured twice`);
      directory.byDigest.set(await sha256Hex(token), sender);
      directory.byId.set(sender.id, sender);
    }
    return directory;
  }

  /** Senders known by id (also those of seeded notices whose credential is not configured). */
  sender(id: string): Sender {
    return this.byId.get(id) ?? DEMO_SENDERS.find((s) => s.id === id) ?? { id, name: id, nameEn: id };
  }

  /** The sender of an `Authorization: Bearer` header; 401 TOKEN_INVALID for anything else. */
  async authenticate(authorization: string | null): Promise<Sender> {
    const token = /^Bearer ([\x21-\x7e]+)$/.exec(authorization ?? '')?.[1];
    if (!token || token.length < MIN_TOKEN_LENGTH || token.length > MAX_TOKEN_LENGTH) {
      throw new ProblemError(401, 'TOKEN_INVALID', 'a sender credential is required');
    }
    const sender = this.byDigest.get(await sha256Hex(token));
    if (!sender) throw new ProblemError(401, 'TOKEN_INVALID', 'not a sender credential');
    return sender;
  }
}
