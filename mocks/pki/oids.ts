/**
 * Object identifiers used by the test PKI. The JPKI arc is 1.2.392.200149.8.5 (J-LIS); the holder
 * attribute OIDs (…8.5.5.x) are the ones real signature certificates carry. The policy OIDs are this
 * mock's own choice inside the JPKI policy arc …8.5.1 — test values, not asserted to be J-LIS's.
 */

/** 基本4情報 in the signature certificate's subjectAltName otherNames (UTF8String values). */
export const OID_JPKI_NAME = '1.2.392.200149.8.5.5.1'; // 氏名
export const OID_JPKI_NAME_ALTERNATIVE = '1.2.392.200149.8.5.5.2'; // 氏名代替文字の使用位置
export const OID_JPKI_SEX = '1.2.392.200149.8.5.5.3'; // 性別 '1' | '2' | '3'
export const OID_JPKI_BIRTH_DATE = '1.2.392.200149.8.5.5.4'; // 生年月日 YYYYMMDD
export const OID_JPKI_ADDRESS = '1.2.392.200149.8.5.5.5'; // 住所
export const OID_JPKI_ADDRESS_ALTERNATIVE = '1.2.392.200149.8.5.5.6'; // 住所代替文字の使用位置

/** Certificate policies of this mock (…8.5.1.3.x for user authentication, …8.5.1.1.x for signature). */
export const OID_TEST_POLICY_AUTH = '1.2.392.200149.8.5.1.3.30';
export const OID_TEST_POLICY_SIGN = '1.2.392.200149.8.5.1.1.30';

/** X.500 attribute types. */
export const OID_COUNTRY = '2.5.4.6';
export const OID_ORGANIZATION = '2.5.4.10';
export const OID_ORGANIZATIONAL_UNIT = '2.5.4.11';
export const OID_LOCALITY = '2.5.4.7';
export const OID_COMMON_NAME = '2.5.4.3';

/** X.509 extensions. */
export const OID_SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
export const OID_KEY_USAGE = '2.5.29.15';
export const OID_SUBJECT_ALT_NAME = '2.5.29.17';
export const OID_BASIC_CONSTRAINTS = '2.5.29.19';
export const OID_CRL_NUMBER = '2.5.29.20';
export const OID_CRL_DISTRIBUTION_POINTS = '2.5.29.31';
export const OID_CERTIFICATE_POLICIES = '2.5.29.32';
export const OID_AUTHORITY_KEY_IDENTIFIER = '2.5.29.35';
export const OID_EXTENDED_KEY_USAGE = '2.5.29.37';
export const OID_KP_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
