/**
 * The holder's 基本4情報 in a JPKI signature certificate: subjectAltName otherNames whose values are
 * [0] EXPLICIT UTF8String. Encoding here, and the parser a relying party (the platform simulator)
 * uses to read them back.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  OID_JPKI_ADDRESS,
  OID_JPKI_ADDRESS_ALTERNATIVE,
  OID_JPKI_BIRTH_DATE,
  OID_JPKI_NAME,
  OID_JPKI_NAME_ALTERNATIVE,
  OID_JPKI_SEX,
  OID_SUBJECT_ALT_NAME,
} from './oids';
import type { CardHolder } from './types';
import { compactToIsoDate, isoToCompactDate } from './validity';
import { toArrayBuffer } from './engine';

const CONTEXT_SPECIFIC = 3;

function otherName(typeId: string, value: string): asn1js.Constructed {
  return new asn1js.Constructed({
    idBlock: { tagClass: CONTEXT_SPECIFIC, tagNumber: 0 },
    value: [
      new asn1js.ObjectIdentifier({ value: typeId }),
      new asn1js.Constructed({
        idBlock: { tagClass: CONTEXT_SPECIFIC, tagNumber: 0 },
        value: [new asn1js.Utf8String({ value })],
      }),
    ],
  });
}

/**
 * DER of the GeneralNames for the subjectAltName extension. The two 代替文字 entries are always
 * present (empty when unused), as every attribute slot exists on a real card.
 */
export function encodeHolderAltNames(holder: CardHolder): Uint8Array {
  const names = new asn1js.Sequence({
    value: [
      otherName(OID_JPKI_NAME, holder.name),
      otherName(OID_JPKI_NAME_ALTERNATIVE, holder.nameAlternative ?? ''),
      otherName(OID_JPKI_SEX, holder.sex),
      otherName(OID_JPKI_BIRTH_DATE, isoToCompactDate(holder.birthDate)),
      otherName(OID_JPKI_ADDRESS, holder.address),
      otherName(OID_JPKI_ADDRESS_ALTERNATIVE, holder.addressAlternative ?? ''),
    ],
  });
  return new Uint8Array(names.toBER());
}

/** Every otherName (type-id → string value) in a DER GeneralNames; other name forms are skipped. */
function readOtherNames(generalNamesDer: Uint8Array): Map<string, string> {
  const parsed = asn1js.fromBER(toArrayBuffer(generalNamesDer));
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) {
    throw new Error('subjectAltName is not a GeneralNames SEQUENCE');
  }
  const values = new Map<string, string>();
  for (const name of parsed.result.valueBlock.value) {
    if (name.idBlock.tagClass !== CONTEXT_SPECIFIC || name.idBlock.tagNumber !== 0) continue;
    if (!(name instanceof asn1js.Constructed)) throw new Error('malformed otherName');
    const [typeId, explicit] = name.valueBlock.value;
    if (!(typeId instanceof asn1js.ObjectIdentifier) || !(explicit instanceof asn1js.Constructed)) {
      throw new Error('malformed otherName');
    }
    const inner = explicit.valueBlock.value[0];
    if (!(inner instanceof asn1js.Utf8String)) {
      throw new Error(`otherName ${typeId.valueBlock.toString()} is not a UTF8String`);
    }
    values.set(typeId.valueBlock.toString(), inner.valueBlock.value);
  }
  return values;
}

function isSex(value: string): value is CardHolder['sex'] {
  return value === '1' || value === '2' || value === '3';
}

/**
 * Reads the holder's 基本4情報 from a signature certificate (DER). Throws if the certificate has no
 * subjectAltName or lacks name, sex, birth date or address. birthDate is returned as ISO YYYY-MM-DD.
 */
export function readSignCertificateHolder(der: Uint8Array): CardHolder {
  const certificate = pkijs.Certificate.fromBER(toArrayBuffer(der));
  const san = certificate.extensions?.find((extension) => extension.extnID === OID_SUBJECT_ALT_NAME);
  if (!san) throw new Error('certificate has no subjectAltName (not a JPKI signature certificate?)');
  const values = readOtherNames(san.extnValue.valueBlock.valueHexView);

  const required = (oid: string, label: string): string => {
    const value = values.get(oid);
    if (value === undefined) throw new Error(`signature certificate lacks ${label} (${oid})`);
    return value;
  };
  const sex = required(OID_JPKI_SEX, 'sex');
  if (!isSex(sex)) throw new Error(`unknown sex code in certificate: ${sex}`);

  const holder: CardHolder = {
    name: required(OID_JPKI_NAME, 'name'),
    address: required(OID_JPKI_ADDRESS, 'address'),
    birthDate: compactToIsoDate(required(OID_JPKI_BIRTH_DATE, 'birth date')),
    sex,
  };
  const nameAlternative = values.get(OID_JPKI_NAME_ALTERNATIVE);
  if (nameAlternative) holder.nameAlternative = nameAlternative;
  const addressAlternative = values.get(OID_JPKI_ADDRESS_ALTERNATIVE);
  if (addressAlternative) holder.addressAlternative = addressAlternative;
  return holder;
}
