/**
 * The holder's data in a JPKI signature certificate, read the way a relying party must: otherNames
 * of subjectAltName with UTF8String values; the birth date as JPKI carries it, `EYYYYMMDD` (era
 * digit 1 明治 … 5 令和, then the Western date: `319500330` is 昭和, 1950-03-30) or plain
 * `YYYYMMDD`; names and addresses in full-width forms, normalised (NFKC) for matching. Anything
 * unreadable is the client's certificate's fault: a 4xx, never a crash.
 */
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { OID_JPKI_ADDRESS, OID_JPKI_BIRTH_DATE, OID_JPKI_NAME } from '../../pki/oids';
import { ProblemError } from './problem';

const OID_SUBJECT_ALT_NAME = '2.5.29.17';
const CONTEXT_SPECIFIC = 3;

export interface HolderData {
  name: string;
  /** ISO YYYY-MM-DD */
  birthDate: string;
  address: string;
}

/** First day of each era (the era digit's range starts here). */
const ERAS: readonly [digit: string, name: string, start: string][] = [
  ['1', '明治', '1868-01-25'],
  ['2', '大正', '1912-07-30'],
  ['3', '昭和', '1926-12-25'],
  ['4', '平成', '1989-01-08'],
  ['5', '令和', '2019-05-01'],
];

function realIsoDate(year: string, month: string, day: string): string | undefined {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const iso = `${year}-${month}-${day}`;
  return date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** `EYYYYMMDD` or `YYYYMMDD` → ISO date; undefined when it is neither or the era does not fit. */
export function parseJpkiBirthDate(text: string): string | undefined {
  const match = /^([1-5])?(\d{4})(\d{2})(\d{2})$/.exec(text.normalize('NFKC'));
  if (!match) return undefined;
  const [, era, year, month, day] = match;
  const iso = realIsoDate(year!, month!, day!);
  if (!iso || era === undefined) return iso;
  const index = ERAS.findIndex(([digit]) => digit === era);
  const start = ERAS[index]![2];
  const next = ERAS[index + 1]?.[2];
  return iso >= start && (next === undefined || iso < next) ? iso : undefined;
}

function unreadable(why: string): ProblemError {
  return new ProblemError(
    401,
    'CERTIFICATE_PROFILE_INVALID',
    `the signature certificate's holder data ${why}`,
  );
}

function otherNamesOf(certificate: pkijs.Certificate): Map<string, string> {
  const extension = certificate.extensions?.find((e) => e.extnID === OID_SUBJECT_ALT_NAME);
  if (!extension) throw unreadable('is missing (no subjectAltName)');
  const bytes = extension.extnValue.valueBlock.valueHexView;
  const parsed = asn1js.fromBER(bytes.slice().buffer);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) {
    throw unreadable('is not a GeneralNames SEQUENCE');
  }
  const values = new Map<string, string>();
  for (const name of parsed.result.valueBlock.value) {
    if (name.idBlock.tagClass !== CONTEXT_SPECIFIC || name.idBlock.tagNumber !== 0) continue;
    const [typeId, explicit] = name instanceof asn1js.Constructed ? name.valueBlock.value : [];
    const inner = explicit instanceof asn1js.Constructed ? explicit.valueBlock.value[0] : undefined;
    if (!(typeId instanceof asn1js.ObjectIdentifier)) throw unreadable('has a malformed otherName');
    // Only UTF8String is JPKI's form; other string types are read too rather than refused.
    const text =
      inner instanceof asn1js.Utf8String ||
      inner instanceof asn1js.BmpString ||
      inner instanceof asn1js.PrintableString ||
      inner instanceof asn1js.IA5String
        ? inner.valueBlock.value
        : undefined;
    if (text !== undefined) values.set(typeId.valueBlock.toString(), text);
  }
  return values;
}

/** Name, birth date and address of a (profile-checked) signature certificate. */
export function readHolderData(certificate: pkijs.Certificate): HolderData {
  const values = otherNamesOf(certificate);
  const field = (oid: string, label: string): string => {
    const value = values.get(oid)?.normalize('NFKC').trim();
    if (!value) throw unreadable(`has no ${label}`);
    return value;
  };
  const name = field(OID_JPKI_NAME, 'name');
  const birthText = field(OID_JPKI_BIRTH_DATE, 'birth date');
  const birthDate = parseJpkiBirthDate(birthText);
  if (!birthDate) throw unreadable('has a birth date in no JPKI form (EYYYYMMDD or YYYYMMDD)');
  return { name, birthDate, address: field(OID_JPKI_ADDRESS, 'address') };
}
