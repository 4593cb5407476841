/**
 * The renewal notice after login: within 90 days of the auth certificate's expiry the viewer is
 * told how many days are left and what to do (renew at the city office). The platform says so in
 * `renewalWarning`; the day count is checked here too, so a platform that leaves the flag out still
 * gets the notice shown.
 */
import type { MessageKey, MessageParams } from '../messages';
import type { Profile } from '../ports';

export const RENEWAL_NOTICE_DAYS = 90;

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
