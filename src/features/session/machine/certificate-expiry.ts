/**
 * The renewal notice after login: within 90 days of the auth certificate's expiry the viewer is
 * told how many days are left and what to do (renew at the city office). The platform says so in
 * `renewalWarning`; the day count is checked here too, so a platform that leaves the flag out still
 * gets the notice shown. Then 変更確認: the signature certificate's status, told once.
 */
import type { MessageKey, MessageParams } from '../../../machines/messages';
import type { Profile } from '../../../machines/ports';

const RENEWAL_NOTICE_DAYS = 90;

export interface CertificateNotice {
  messageKey: MessageKey;
  params: MessageParams;
}

export function certificateNotice(profile: Profile | undefined): CertificateNotice | undefined {
  const certificate = profile?.certificate;
  if (!certificate) return undefined;
  const due = certificate.renewalWarning || certificate.daysRemaining <= RENEWAL_NOTICE_DAYS;
  if (!due) return undefined;
  return { messageKey: 'certificateExpiresSoon', params: { days: Math.max(0, certificate.daysRemaining) } };
}

const SIGN_NOTICES = {
  holderInformationChanged: 'signCertificateChanged',
  expired: 'signCertificateExpired',
  revoked: 'signCertificateRevoked',
} as const;

/**
 * 変更確認 after login: the platform found the signature certificate revoked (the holder's basic
 * information changed, e.g. a move, or another reason) or expired, and says `notify` in the first
 * session that sees it, so the viewer is asked once.
 */
export function signCertificateNotice(
  profile: Profile | undefined,
): (typeof SIGN_NOTICES)[keyof typeof SIGN_NOTICES] | undefined {
  const sign = profile?.signCertificate;
  if (!sign?.notify) return undefined;
  return sign.status in SIGN_NOTICES ? SIGN_NOTICES[sign.status as keyof typeof SIGN_NOTICES] : undefined;
}
