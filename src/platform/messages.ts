/**
 * What the viewer reads when something goes wrong: short, plain, and what to do next, in Japanese
 * (shown on the TV) and English (logs, support, the English UI). One entry per error code.
 */
import type { ProblemCode } from './types';

/** Codes the SDK raises itself, without an answer from the platform. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'UNEXPECTED_RESPONSE' | 'NOT_LOGGED_IN';
export type PlatformErrorCode = ProblemCode | ClientErrorCode;

export interface ViewerMessage {
  ja: string;
  en: string;
}

const START_AGAIN: ViewerMessage = {
  ja: '確認をやり直します。もう一度、カードで手続きしてください。',
  en: 'The check has to be done again. Please start again with your card.',
};
const LOGGED_OUT: ViewerMessage = {
  ja: 'ログインの有効期間が切れました。もう一度カードでログインしてください。',
  en: 'You have been logged out. Please log in again with your card.',
};
const TRY_LATER: ViewerMessage = {
  ja: 'ただいまサービスを利用できません。しばらくしてから、もう一度お試しください。',
  en: 'The service is not available right now. Please try again later.',
};
const BOOKING_NOT_ACCEPTED: ViewerMessage = {
  ja: '予約を受け付けられませんでした。お手数ですが、はじめからやり直してください。',
  en: 'The booking could not be accepted. Please start the booking again.',
};

export const MESSAGES: Record<PlatformErrorCode, ViewerMessage> = {
  VALIDATION_FAILED: {
    ja: '入力された内容に誤りがあります。お確かめのうえ、もう一度お試しください。',
    en: 'Something entered was not right. Please check it and try again.',
  },
  NOT_FOUND: {
    ja: 'お探しの情報が見つかりませんでした。前の画面に戻ってください。',
    en: 'We could not find this. Please go back to the previous screen.',
  },
  CHALLENGE_UNKNOWN: START_AGAIN,
  CHALLENGE_PURPOSE_MISMATCH: START_AGAIN,
  CHALLENGE_REPLAYED: START_AGAIN,
  CHALLENGE_EXPIRED: {
    ja: '時間がたったため、確認できませんでした。もう一度、暗証番号を入力してください。',
    en: 'Too much time passed. Please enter your PIN again.',
  },
  CHALLENGE_MISMATCH: {
    ja: 'カードの確認が合いませんでした。はじめからやり直してください。',
    en: 'The card check did not match. Please start again.',
  },
  SIGNATURE_INVALID: {
    ja: 'カードを確認できませんでした。カードを差し直して、もう一度お試しください。',
    en: 'Your card could not be checked. Please reinsert the card and try again.',
  },
  CERTIFICATE_KEY_MISMATCH: {
    ja: '途中でカードが入れ替わったようです。ご本人のカードを1枚だけ差して、はじめからやり直してください。',
    en: 'The card seems to have been changed midway. Insert only your own card and start again.',
  },
  CERTIFICATE_MALFORMED: {
    ja: 'カードの情報を読み取れませんでした。カードを差し直してください。',
    en: "The card's data could not be read. Please reinsert the card.",
  },
  UNKNOWN_ISSUER: {
    ja: 'このカードはご利用いただけません。マイナンバーカードを差してください。',
    en: 'This card cannot be used here. Please insert your My Number Card.',
  },
  CERTIFICATE_EXPIRED: {
    ja: 'カードの電子証明書の有効期限が切れています。お住まいの市区町村の窓口で更新してください。',
    en: "Your card's electronic certificate has expired. Please renew it at your city office.",
  },
  CERTIFICATE_NOT_YET_VALID: {
    ja: 'カードの電子証明書はまだ使えません。日をおいて、もう一度お試しください。',
    en: "Your card's electronic certificate cannot be used yet. Please try again another day.",
  },
  CERTIFICATE_REVOKED: {
    ja: 'カードの電子証明書が失効しています。お住まいの市区町村の窓口にご相談ください。',
    en: "Your card's electronic certificate has been revoked. Please ask at your city office.",
  },
  REVOCATION_STATUS_UNKNOWN: {
    ja: 'ただいまカードの確認ができません。しばらくしてから、もう一度お試しください。',
    en: 'Cards cannot be checked right now. Please try again later.',
  },
  REGISTRATION_REQUIRED: {
    ja: 'はじめてご利用の方は、利用者登録が必要です。お客様番号をご用意ください。',
    en: 'Using this for the first time? Please register. Have your customer number ready.',
  },
  CUSTOMER_NOT_FOUND: {
    ja: 'このお客様番号は見つかりません。番号をお確かめのうえ、もう一度入力してください。',
    en: 'This customer number was not found. Please check it and enter it again.',
  },
  REGISTRATION_MISMATCH: {
    ja: 'カードのお名前または生年月日が、ご契約の内容と一致しません。ケーブルテレビ会社にお問い合わせください。',
    en: 'The name or birth date on the card does not match your contract. Please contact your cable TV company.',
  },
  CERTIFICATE_ALREADY_LINKED: {
    ja: 'このカードは別のお客様番号で登録されています。ケーブルテレビ会社にお問い合わせください。',
    en: 'This card is registered to another customer number. Please contact your cable TV company.',
  },
  TOKEN_INVALID: LOGGED_OUT,
  TOKEN_EXPIRED: LOGGED_OUT,
  SESSION_EXPIRED: LOGGED_OUT,
  SESSION_CERTIFICATE_EXPIRED: {
    ja: 'カードの電子証明書の有効期限が切れたため、ログアウトしました。マイナンバーカードをお持ちのうえ、お住まいの市区町村の窓口で更新してください。',
    en: "You were logged out because your card's electronic certificate has expired. Please renew it at your city office (bring your My Number Card).",
  },
  SESSION_CERTIFICATE_REVOKED: {
    ja: 'カードの電子証明書が失効したため、ログアウトしました。マイナンバーカードをお持ちのうえ、お住まいの市区町村の窓口にご相談ください。',
    en: "You were logged out because your card's electronic certificate has been revoked. Please ask at your city office (bring your My Number Card).",
  },
  REFRESH_TOKEN_REUSED: {
    ja: '安全のため、ログアウトしました。お手数ですが、もう一度カードでログインしてください。',
    en: 'You were logged out to keep your account safe. Please log in again with your card.',
  },
  NOT_LOGGED_IN: {
    ja: 'ログインしていません。カードでログインしてください。',
    en: 'You are not logged in. Please log in with your card.',
  },
  CHECKUP_NOT_FOUND: {
    ja: 'この健診結果は見つかりませんでした。一覧から選び直してください。',
    en: 'This checkup was not found. Please choose again from the list.',
  },
  FACILITY_NOT_FOUND: {
    ja: 'この施設は見つかりませんでした。施設の一覧から選び直してください。',
    en: 'This facility was not found. Please choose again from the list.',
  },
  ROOM_NOT_FOUND: {
    ja: 'この部屋は見つかりませんでした。部屋を選び直してください。',
    en: 'This room was not found. Please choose the room again.',
  },
  BOOKING_NOT_FOUND: {
    ja: 'この予約は見つかりませんでした。予約の一覧をご確認ください。',
    en: 'This booking was not found. Please check your list of bookings.',
  },
  SLOT_UNAVAILABLE: {
    ja: 'この日時は予約できません。別の日や時間帯をお選びください。',
    en: 'This time cannot be booked. Please choose another day or time.',
  },
  SLOT_TAKEN: {
    ja: 'この時間帯は、ほかの方が先に予約されました。別の時間帯をお選びください。',
    en: 'Someone else has just booked this time. Please choose another time.',
  },
  IDEMPOTENCY_KEY_REQUIRED: BOOKING_NOT_ACCEPTED,
  IDEMPOTENCY_KEY_REUSED: BOOKING_NOT_ACCEPTED,
  CANCELLATION_DEADLINE_PASSED: {
    ja: 'キャンセルの期限を過ぎているため、この画面では取り消せません。施設へお電話ください。',
    en: 'The cancellation deadline has passed, so this cannot be cancelled here. Please call the facility.',
  },
  PLATFORM_UNAVAILABLE: TRY_LATER,
  CERTIFICATE_PROFILE_INVALID: {
    ja: 'このカードの電子証明書はご利用いただけません。マイナンバーカードを差してください。',
    en: "This card's certificate cannot be used here. Please insert your My Number Card.",
  },
  CERTIFICATE_SUPERSEDED: {
    ja: 'この電子証明書は更新されたため、使えなくなりました。更新したカードで、もう一度お試しください。',
    en: 'This certificate was replaced when the card was renewed. Please try again with the renewed card.',
  },
  CERTIFICATES_NOT_LINKED: {
    ja: '2つの電子証明書が同じカードのものと確認できませんでした。ご本人のカードを1枚だけ差して、はじめからやり直してください。',
    en: 'The two certificates could not be confirmed as being from one card. Insert only your own card and start again.',
  },
  RATE_LIMITED: {
    ja: '短い間に操作が続いたため、受け付けを止めています。少し待ってから、もう一度お試しください。',
    en: 'Too many attempts in a short time. Please wait a moment and try again.',
  },
  NETWORK_ERROR: {
    ja: 'サービスにつながりません。しばらくしてから、もう一度お試しください。',
    en: 'Cannot reach the service. Please try again later.',
  },
  TIMEOUT: {
    ja: '応答に時間がかかっています。しばらくしてから、もう一度お試しください。',
    en: 'The service is taking too long to answer. Please try again later.',
  },
  UNEXPECTED_RESPONSE: {
    ja: '思わぬエラーが起きました。しばらくしてから、もう一度お試しください。',
    en: 'An unexpected error occurred. Please try again later.',
  },
};
