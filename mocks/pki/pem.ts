/** PEM armour (RFC 7468) for DER certificates, CRLs and keys. */

export function toPem(der: Uint8Array, label: string): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Every PEM block in `pem` (a CA bundle holds several), optionally only those with `label`. */
export function fromPemAll(pem: string, label?: string): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  const pattern = /-----BEGIN ([^-]+)-----([\s\S]*?)-----END \1-----/g;
  for (const match of pem.matchAll(pattern)) {
    if (label !== undefined && match[1] !== label) continue;
    blocks.push(new Uint8Array(Buffer.from(match[2]!.replace(/\s+/g, ''), 'base64')));
  }
  return blocks;
}

/** The first PEM block (optionally with `label`); throws if there is none. */
export function fromPem(pem: string, label?: string): Uint8Array {
  const first = fromPemAll(pem, label)[0];
  if (!first) throw new Error(`no PEM block${label ? ` labelled ${label}` : ''} found`);
  return first;
}
