/**
 * A JPKI-like PKI made by the `openssl` command alone (req, x509, ca), none of our own certificate
 * code: to show the platform accepts what another implementation makes, and refuses what it must.
 * The profiles follow mocks/pki: auth certificates with digitalSignature and the auth policy;
 * signature certificates with nonRepudiation, the sign policy and the holder's data as
 * subjectAltName otherNames ([0] EXPLICIT UTF8String), here with a birth date in JPKI's real form.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  OID_JPKI_ADDRESS,
  OID_JPKI_BIRTH_DATE,
  OID_JPKI_NAME,
  OID_JPKI_SEX,
  OID_TEST_POLICY_AUTH,
  OID_TEST_POLICY_SIGN,
} from '../pki/oids';

const run = promisify(execFile);

export interface OpensslHolder {
  name: string;
  /** As the certificate carries it: `EYYYYMMDD` or `YYYYMMDD`. */
  birthDate: string;
  address: string;
  sex: '1' | '2' | '3';
}

export interface OpensslCertificate {
  der: Uint8Array;
  keyPem: string;
  /** Lowercase SHA-256 hex of the DER (J-LIS's name for it). */
  sha256: string;
  /** The DER file in the PKI's directory. */
  file?: string;
}

const ROOT_OU = { auth: 'JPKI for user authentication', sign: 'JPKI for digital signature' } as const;

function config(holder?: OpensslHolder): string {
  const san = holder
    ? [
        '[holder_san]',
        `otherName.0 = ${OID_JPKI_NAME};FORMAT:UTF8,UTF8:${holder.name}`,
        `otherName.1 = ${OID_JPKI_SEX};FORMAT:UTF8,UTF8:${holder.sex}`,
        `otherName.2 = ${OID_JPKI_BIRTH_DATE};FORMAT:UTF8,UTF8:${holder.birthDate}`,
        `otherName.3 = ${OID_JPKI_ADDRESS};FORMAT:UTF8,UTF8:${holder.address}`,
      ]
    : [];
  return [
    '[req]',
    'distinguished_name = dn',
    'utf8 = yes',
    '[dn]',
    '[root]',
    'basicConstraints = critical, CA:true',
    'keyUsage = critical, keyCertSign, cRLSign',
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid:always',
    '[auth]',
    'basicConstraints = critical, CA:false',
    'keyUsage = critical, digitalSignature',
    'extendedKeyUsage = clientAuth',
    `certificatePolicies = ${OID_TEST_POLICY_AUTH}`,
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid:always',
    '[sub_ca]',
    'basicConstraints = critical, CA:true',
    'keyUsage = critical, digitalSignature, keyCertSign, cRLSign',
    `certificatePolicies = ${OID_TEST_POLICY_AUTH}`,
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid:always',
    '[sign]',
    'keyUsage = critical, digitalSignature, nonRepudiation',
    `certificatePolicies = ${OID_TEST_POLICY_SIGN}`,
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid:always',
    ...(holder ? ['subjectAltName = @holder_san'] : []),
    ...san,
    '[ca]',
    'default_ca = this_ca',
    '[this_ca]',
    'database = index.txt',
    'crlnumber = crlnumber',
    'default_md = sha256',
    'default_crl_days = 1',
    'crl_extensions = crl_ext',
    '[crl_ext]',
    'authorityKeyIdentifier = keyid:always',
    '',
  ].join('\n');
}

export class OpensslPki {
  private counter = 0;

  private constructor(readonly dir: string) {}

  /** Two roots (auth, sign) in `dir`, with empty CRLs. */
  static async create(dir: string): Promise<OpensslPki> {
    const pki = new OpensslPki(dir);
    await fs.writeFile(path.join(dir, 'base.cnf'), config());
    for (const kind of ['auth', 'sign'] as const) {
      const subject = `/C=JP/O=JPKI-OPENSSL-TEST/OU=${ROOT_OU[kind]}/OU=openssl made`;
      await pki.openssl(
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '3650']
          .concat(['-subj', subject, '-config', 'base.cnf', '-extensions', 'root'])
          .concat(['-keyout', `${kind}-root.key`, '-out', `${kind}-root.pem`]),
      );
      const db = path.join(dir, `${kind}-db`);
      await fs.mkdir(db);
      await fs.writeFile(path.join(db, 'index.txt'), '');
      await fs.writeFile(path.join(db, 'crlnumber'), '01\n');
    }
    return pki;
  }

  rootPem(kind: 'auth' | 'sign'): string {
    return path.join(this.dir, `${kind}-root.pem`);
  }

  crlFile(kind: 'auth' | 'sign'): string {
    return path.join(this.dir, `${kind}.crl`);
  }

  /**
   * Revokes a certificate in its root's database (openssl ca -revoke), with an RFC 5280 reason by
   * openssl's name (e.g. affiliationChanged, keyCompromise); the next writeCrl() lists it.
   */
  async revoke(kind: 'auth' | 'sign', certificate: OpensslCertificate, reason: string): Promise<void> {
    if (!certificate.file) throw new Error('not a certificate of this PKI');
    const pem = `${certificate.file}.pem`;
    await this.openssl(['x509', '-inform', 'DER', '-in', certificate.file, '-out', pem]);
    const db = path.join(this.dir, `${kind}-db`);
    await fs.writeFile(path.join(db, 'ca.cnf'), config());
    await this.openssl(
      ['ca', '-config', 'ca.cnf', '-keyfile', `../${kind}-root.key`, '-cert', `../${kind}-root.pem`].concat([
        '-revoke',
        `../${pem}`,
        '-crl_reason',
        reason,
      ]),
      db,
    );
  }

  /** A fresh CRL of the root (openssl ca -gencrl), listing what revoke() revoked. */
  async writeCrl(kind: 'auth' | 'sign'): Promise<void> {
    const db = path.join(this.dir, `${kind}-db`);
    await fs.writeFile(path.join(db, 'ca.cnf'), config());
    await this.openssl(
      ['ca', '-gencrl', '-config', 'ca.cnf', '-keyfile', `../${kind}-root.key`].concat([
        '-cert',
        `../${kind}-root.pem`,
        '-out',
        `../${kind}.crl.pem`,
      ]),
      db,
    );
    await this.openssl(['crl', '-in', `${kind}.crl.pem`, '-outform', 'DER', '-out', `${kind}.crl`]);
  }

  /** An end-entity certificate (or, with `sub_ca`, a CA certificate) under the kind's root. */
  async issue(profile: 'auth' | 'sign' | 'sub_ca', holder?: OpensslHolder): Promise<OpensslCertificate> {
    const name = `cert-${++this.counter}`;
    const root = profile === 'sign' ? 'sign' : 'auth';
    await fs.writeFile(path.join(this.dir, `${name}.cnf`), config(holder));
    await this.openssl(
      ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', `/C=JP/CN=${name.toUpperCase()}`].concat([
        '-config',
        `${name}.cnf`,
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
      ]),
    );
    await this.openssl(
      ['x509', '-req', '-in', `${name}.csr`, '-CA', `${root}-root.pem`, '-CAkey', `${root}-root.key`]
        .concat(['-set_serial', `0x${(0x1000 + this.counter).toString(16)}`, '-days', '1825', '-sha256'])
        .concat([
          '-extfile',
          `${name}.cnf`,
          '-extensions',
          profile,
          '-outform',
          'DER',
          '-out',
          `${name}.der`,
        ]),
    );
    const der = new Uint8Array(await fs.readFile(path.join(this.dir, `${name}.der`)));
    return {
      der,
      keyPem: await fs.readFile(path.join(this.dir, `${name}.key`), 'utf8'),
      sha256: createHash('sha256').update(der).digest('hex'),
      file: `${name}.der`,
    };
  }

  private async openssl(args: string[], cwd = this.dir): Promise<void> {
    await run('openssl', args, { cwd }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`openssl ${args[0]} failed: ${error.stderr ?? error.message}`);
    });
  }
}
