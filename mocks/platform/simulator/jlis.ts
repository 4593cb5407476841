/**
 * J-LIS as the platform asks it, behind an interface a real operator replaces with its link to the
 * J-LIS services: 証明書紐付け (which signature certificate was issued on the same card as this
 * user-authentication certificate) and 新旧紐付け (which auth certificate replaced this one at
 * renewal). Certificates are named by the lowercase SHA-256 hex of their DER.
 *
 * The simulated J-LIS answers from records: the test PKI's own cards (read again when they change,
 * since another process may issue a card) and the operator's `--jlis-data FILE`.
 */

export interface JlisService {
  /** 証明書紐付け: were these auth and sign certificates issued on one card? */
  areLinked(authSha256: string, signSha256: string): Promise<boolean>;
  /** 新旧紐付け: the auth certificate this one replaced, if it is a renewal. */
  predecessorOf(newAuthSha256: string): Promise<string | undefined>;
  /** 新旧紐付け the other way: the auth certificate that replaced this one, if any. */
  successorOf(oldAuthSha256: string): Promise<string | undefined>;
}

/** The records' JSON form (`--jlis-data FILE`). */
export interface JlisData {
  links: { auth: string; sign: string }[];
  renewals: { old: string; new: string }[];
}

/** A source of records that may change (the test PKI); `version` is cheap, `load` may not be. */
export interface JlisSource {
  version(): Promise<string | number>;
  load(): Promise<JlisData>;
}

/** A malformed J-LIS data file: the message names the entry, in Japanese and English. */
export class JlisDataError extends Error {
  constructor(
    readonly ja: string,
    readonly en: string,
  ) {
    super(`${ja}\n${en}`);
    this.name = 'JlisDataError';
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Checks a parsed `--jlis-data` document; throws JlisDataError naming the first bad entry. */
export function parseJlisData(input: unknown, source = 'J-LIS data'): JlisData {
  const fail = (where: string, ja: string, en: string): never => {
    throw new JlisDataError(`${source}: ${where} ${ja}`, `${source}: ${where} ${en}`);
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    fail(
      '',
      'は {"links":[…],"renewals":[…]} の形の JSON オブジェクトではありません',
      'is not a JSON object {"links":[…],"renewals":[…]}',
    );
  }
  const document = input as Record<string, unknown>;
  for (const key of Object.keys(document)) {
    if (key !== 'links' && key !== 'renewals') {
      fail(
        key,
        'は知らない項目です（links と renewals だけが使えます）',
        'is not a known field (only links and renewals)',
      );
    }
  }
  const entries = <K extends string>(name: string, fields: readonly K[]): Record<K, string>[] => {
    const list = document[name] ?? [];
    if (!Array.isArray(list)) return fail(name, 'は配列ではありません', 'is not an array');
    return list.map((entry: unknown, index) => {
      const where = `${name}[${index}]`;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        fail(
          where,
          `はオブジェクト {${fields.join(', ')}} ではありません`,
          `is not an object {${fields.join(', ')}}`,
        );
      }
      const record = entry as Record<string, unknown>;
      const extra = Object.keys(record).find((key) => !(fields as readonly string[]).includes(key));
      if (extra) fail(`${where}.${extra}`, 'は知らない項目です', 'is not a known field');
      for (const field of fields) {
        const value = record[field];
        if (typeof value !== 'string' || !SHA256_HEX.test(value)) {
          fail(
            `${where}.${field}`,
            'は証明書 DER の SHA-256（小文字の16進数64桁）ではありません',
            "is not a certificate DER's SHA-256 (64 lowercase hex digits)",
          );
        }
      }
      return record as Record<K, string>;
    });
  };
  const links = entries('links', ['auth', 'sign'] as const);
  const renewals = entries('renewals', ['old', 'new'] as const);
  renewals.forEach((renewal, index) => {
    if (renewal.old === renewal.new) {
      fail(
        `renewals[${index}]`,
        'は同じ証明書を新旧に挙げています',
        'names the same certificate as old and new',
      );
    }
  });
  return {
    links: links.map(({ auth, sign }) => ({ auth, sign })),
    renewals: renewals.map((r) => ({ old: r.old, new: r.new })),
  };
}

interface Index {
  signsOf: Map<string, Set<string>>;
  oldOf: Map<string, string>;
  newOf: Map<string, string>;
}

function emptyIndex(): Index {
  return { signsOf: new Map(), oldOf: new Map(), newOf: new Map() };
}

function addTo(index: Index, data: JlisData): void {
  for (const { auth, sign } of data.links) {
    let signs = index.signsOf.get(auth);
    if (!signs) index.signsOf.set(auth, (signs = new Set()));
    signs.add(sign);
  }
  for (const renewal of data.renewals) {
    index.oldOf.set(renewal.new, renewal.old);
    index.newOf.set(renewal.old, renewal.new);
  }
}

/**
 * The simulated J-LIS: fixed records (files) plus live sources. A miss re-reads the sources whose
 * version changed, then answers; lookups are map reads, so their cost does not grow with the
 * number of cards or customers.
 */
export class SimulatedJlis implements JlisService {
  private readonly fixed: JlisData[] = [];
  private readonly sources: { source: JlisSource; version: string | number | undefined; data: JlisData }[] =
    [];
  private index = emptyIndex();

  add(data: JlisData): void {
    this.fixed.push(data);
    addTo(this.index, data);
  }

  addSource(source: JlisSource): void {
    this.sources.push({ source, version: undefined, data: { links: [], renewals: [] } });
  }

  async areLinked(authSha256: string, signSha256: string): Promise<boolean> {
    const known = (): boolean => this.index.signsOf.get(authSha256)?.has(signSha256) ?? false;
    return known() || ((await this.refresh()) && known());
  }

  async predecessorOf(newAuthSha256: string): Promise<string | undefined> {
    return (
      this.index.oldOf.get(newAuthSha256) ??
      ((await this.refresh()) ? this.index.oldOf.get(newAuthSha256) : undefined)
    );
  }

  async successorOf(oldAuthSha256: string): Promise<string | undefined> {
    return (
      this.index.newOf.get(oldAuthSha256) ??
      ((await this.refresh()) ? this.index.newOf.get(oldAuthSha256) : undefined)
    );
  }

  /** Re-reads the sources that changed; true when anything did. */
  private async refresh(): Promise<boolean> {
    let changed = false;
    for (const entry of this.sources) {
      const version = await entry.source.version();
      if (version === entry.version) continue;
      entry.data = await entry.source.load();
      entry.version = version;
      changed = true;
    }
    if (!changed) return false;
    const index = emptyIndex();
    for (const data of [...this.fixed, ...this.sources.map((s) => s.data)]) addTo(index, data);
    this.index = index;
    return true;
  }
}
