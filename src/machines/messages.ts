/**
 * What the viewer reads (and hears) in the flows, in Japanese (the TV) and English (logs, support,
 * the English UI). Platform error codes reuse the SDK's wording (src/platform/messages.ts) so the
 * same problem reads the same everywhere; this table adds the card, session and screen messages.
 * `{name}` placeholders are filled by formatMessage. The Lightning app will move these into its
 * translation files later; the keys are what the machines put in their context.
 */
import {
  MESSAGES as PLATFORM_MESSAGES,
  type PlatformErrorCode,
  type ViewerMessage,
} from '../platform/messages';

const CITY_HALL_UNLOCK: ViewerMessage = {
  ja: '暗証番号がロックされています。お住まいの市区町村の窓口で、ロックの解除（暗証番号の再設定）を受けてください。マイナンバーカードをお持ちください。',
  en: 'Your PIN is locked. Please have it unlocked (reset) at your city office. Bring your My Number Card.',
};

export const FLOW_MESSAGES = {
  // session
  connectingBridge: {
    ja: 'カード読み取り機を準備しています。しばらくお待ちください。',
    en: 'Preparing the card reader. Please wait.',
  },
  bridgeDown: {
    ja: 'カード読み取り機とつながりません。しばらく待っても直らないときは、ケーブルテレビ会社にお問い合わせください。',
    en: 'Cannot reach the card reader. If this does not clear up, please contact your cable TV company.',
  },
  bridgeRefused: {
    ja: 'カード読み取り機が、このアプリからの接続を受け付けませんでした。テレビのアプリをいったん閉じて、開き直してください。直らないときは、ケーブルテレビのチューナー（STB）の電源を入れ直してください。',
    en: 'The card reader did not accept this app. Please close the TV app and open it again. If that does not help, turn the cable TV box (STB) off and on again.',
  },
  readerServiceUnavailable: {
    ja: 'カード読み取り機が準備中です。しばらくお待ちください。直らないときは、受信機の電源を入れ直してください。',
    en: 'The card reader is starting up. Please wait. If this continues, restart the set-top box.',
  },
  noReader: {
    ja: 'カード読み取り機が見つかりません。読み取り機がつながっているか、お確かめください。',
    en: 'No card reader was found. Please check that the reader is connected.',
  },
  insertCard: {
    ja: 'マイナンバーカードを、読み取り機に差し込んでください。',
    en: 'Please insert your My Number Card into the reader.',
  },
  cardUnreadable: {
    ja: 'カードを読み取れません。カードの向きと表裏をお確かめのうえ、差し直してください。',
    en: 'The card cannot be read. Please check which way up it goes and insert it again.',
  },
  pressOkToLogIn: {
    ja: 'ログインするには「決定」を押してください。やめるときは、カードを抜いてください。',
    en: 'Press OK to log in. To stop, remove your card.',
  },
  idleWarning: {
    ja: 'しばらく操作がないため、{seconds}秒後にログアウトします。続けるには、リモコンのボタンをどれか押してください。',
    en: 'No activity: you will be logged out in {seconds} seconds. Press any button on the remote to continue.',
  },
  loggedOutIdle: {
    ja: '操作がなかったため、ログアウトしました。カードをお取りください。',
    en: 'You were logged out because there was no activity. Please take your card.',
  },
  loggedOutCardRemoved: {
    ja: 'カードが抜かれたため、ログアウトしました。',
    en: 'You were logged out because the card was removed.',
  },
  loggedOutBridgeDown: {
    ja: 'カード読み取り機との接続が切れたため、ログアウトしました。',
    en: 'You were logged out because the connection to the card reader was lost.',
  },
  loggedOutSessionExpired: PLATFORM_MESSAGES.SESSION_EXPIRED,
  loggedOutCertificateExpired: PLATFORM_MESSAGES.SESSION_CERTIFICATE_EXPIRED,
  loggedOutCertificateRevoked: PLATFORM_MESSAGES.SESSION_CERTIFICATE_REVOKED,
  loggedOutSessionReused: PLATFORM_MESSAGES.REFRESH_TOKEN_REUSED,
  loggedOutByViewer: {
    ja: 'ログアウトしました。カードをお取りください。',
    en: 'You have logged out. Please take your card.',
  },
  certificateExpiresSoon: {
    ja: 'カードの電子証明書の有効期限まで、あと{days}日です。期限が切れると、この窓口は使えなくなります。お住まいの市区町村の窓口で更新してください（マイナンバーカードをお持ちください）。',
    en: "Your card's electronic certificate expires in {days} days. After that, this service cannot be used. Please renew it at your city office (bring your My Number Card).",
  },
  certificateRenewed: {
    ja: 'カードの電子証明書が更新されたことを確認しました。この窓口は、これまでどおりお使いいただけます。',
    en: "Your card's electronic certificate has been renewed. You can keep using this service as before.",
  },
  // 変更確認: the signature certificate registered with, as the sign root's CRL says (told once)
  signCertificateChanged: {
    ja: 'お引っ越しなどで住所が変わりましたか？ 住所や氏名が変わると、カードの署名用電子証明書は使えなくなります。この窓口へのログインは、これまでどおりお使いいただけます。新しい署名用電子証明書は、お住まいの市区町村の窓口で受け取れます（マイナンバーカードをお持ちください）。',
    en: 'Have you moved, or has your address changed? When your address or name changes, the signature certificate on your card can no longer be used. You can keep logging in here as before. You can get a new signature certificate at your city office (bring your My Number Card).',
  },
  signCertificateExpired: {
    ja: 'カードの署名用電子証明書の有効期限が切れています。この窓口へのログインは、これまでどおりお使いいただけます。新しい署名用電子証明書は、お住まいの市区町村の窓口で受け取れます（マイナンバーカードをお持ちください）。',
    en: 'The signature certificate on your card has expired. You can keep logging in here as before. You can get a new signature certificate at your city office (bring your My Number Card).',
  },
  signCertificateRevoked: {
    ja: 'カードの署名用電子証明書が失効しています。この窓口へのログインは、これまでどおりお使いいただけます。お住まいの市区町村の窓口にご相談ください（マイナンバーカードをお持ちください）。',
    en: 'The signature certificate on your card has been revoked. You can keep logging in here as before. Please ask at your city office (bring your My Number Card).',
  },
  // login and registration: the card
  enterPin: {
    ja: '利用者証明用の暗証番号（数字4けた）を入力してください。',
    en: 'Please enter your 4-digit PIN for user authentication.',
  },
  triesLeft: {
    ja: '入力できるのは、あと{triesLeft}回です。',
    en: 'You have {triesLeft} tries left.',
  },
  pinIncorrect: {
    ja: '暗証番号が違います。入力できるのは、あと{triesLeft}回です。',
    en: 'The PIN is not correct. You have {triesLeft} tries left.',
  },
  lastAttemptConfirm: {
    ja: '残り1回です。まちがえるとロックされ、市区町村の窓口での手続きが必要になります。この内容で確認するときは「決定」、入力し直すときは「戻る」を押してください。',
    en: 'One try left. If it is wrong, it will be locked and you will need to go to your city office. Press OK to check it, or Back to enter it again.',
  },
  pinLocked: CITY_HALL_UNLOCK,
  pinFormat: {
    ja: '暗証番号は数字4けたです。もう一度入力してください。',
    en: 'The PIN is 4 digits. Please enter it again.',
  },
  notMyNumberCard: {
    ja: 'このカードはマイナンバーカードではないようです。マイナンバーカードを差してください。',
    en: 'This does not seem to be a My Number Card. Please insert your My Number Card.',
  },
  cardRemoved: {
    ja: 'カードが抜かれました。カードを差し直して、もう一度お試しください。',
    en: 'The card was removed. Please insert it again and try again.',
  },
  cardChanged: {
    ja: 'カードが入れ替わりました。はじめからやり直します。暗証番号は送っていません。',
    en: 'The card was changed. Starting again — your PIN was not sent.',
  },
  cardBusy: {
    ja: 'カード読み取り機がほかの処理をしています。少し待ってから「やり直す」を押してください。',
    en: 'The card reader is busy. Please wait a moment and press Retry.',
  },
  cardError: {
    ja: 'カードを読み取れませんでした。カードを差し直して、もう一度お試しください。',
    en: 'The card could not be read. Please reinsert the card and try again.',
  },
  bridgeLost: {
    ja: 'カード読み取り機との通信が切れました。「やり直す」を押してください。',
    en: 'The connection to the card reader was lost. Please press Retry.',
  },
  // registration
  enterCustomerNumber: {
    ja: 'ケーブルテレビのお客様番号（数字）を入力してください。',
    en: 'Please enter your cable TV customer number (digits).',
  },
  customerNumberFormat: {
    ja: 'お客様番号は数字{min}〜{max}けたです。ご契約の書類でお確かめください。',
    en: 'The customer number has {min} to {max} digits. Please check your contract papers.',
  },
  enterSignPassword: {
    ja: '署名用電子証明書のパスワード（英大文字と数字、6〜16文字）を入力してください。',
    en: 'Please enter the password of your signature certificate (6 to 16 capital letters and digits).',
  },
  signPasswordFormat: {
    ja: 'パスワードは英大文字と数字で6〜16文字です。',
    en: 'The password is 6 to 16 capital letters and digits.',
  },
  // Registration starts over from the signature password (the PIN follows it), so the platform's
  // CHALLENGE_EXPIRED wording ("enter your PIN again") would send the viewer to the wrong box.
  registrationChallengeExpired: {
    ja: '時間がたったため、確認できませんでした。もう一度、パスワードから入力してください。',
    en: 'Too much time passed. Please enter your password again, then your PIN.',
  },
  signPasswordIncorrect: {
    ja: 'パスワードが違います。入力できるのは、あと{triesLeft}回です。',
    en: 'The password is not correct. You have {triesLeft} tries left.',
  },
  signPasswordLocked: {
    ja: '署名用電子証明書のパスワードがロックされています。お住まいの市区町村の窓口で、ロックの解除を受けてください。',
    en: 'Your signature password is locked. Please have it unlocked at your city office.',
  },
  // health
  checkupsEmpty: {
    ja: '健診結果はまだありません。',
    en: 'There are no checkup results yet.',
  },
  trendEmpty: {
    ja: 'この項目の記録はまだありません。',
    en: 'There are no records for this item yet.',
  },
  medicationsEmpty: {
    ja: 'お薬の記録はありません。',
    en: 'There are no medication records.',
  },
  loadFailed: {
    ja: '読み込めませんでした。「やり直す」を押してください。',
    en: 'Could not load this. Please press Retry.',
  },
  // booking
  facilitiesEmpty: {
    ja: '予約できる施設はありません。',
    en: 'There are no facilities to book.',
  },
  noAvailability: {
    ja: 'この期間に予約できる日はありません。別の施設をお選びください。',
    en: 'No days can be booked in this period. Please choose another facility.',
  },
  slotTakenRefreshed: {
    ja: 'この時間帯は、ほかの方が先に予約されました。最新の空き状況を表示しています。別の時間帯をお選びください。',
    en: 'Someone else has just booked this time. The latest availability is shown. Please choose another time.',
  },
  bookingsEmpty: {
    ja: '予約はありません。',
    en: 'You have no bookings.',
  },
  bookingNotSaved: {
    ja: '予約が完了したか確認できませんでした。「やり直す」を押すと、同じ予約をもう一度送ります（二重には予約されません）。',
    en: 'We could not confirm the booking. Press Retry to send the same booking again (it will not be booked twice).',
  },
  cancelled: {
    ja: '予約を取り消しました。',
    en: 'The booking has been cancelled.',
  },
  // app shell: a screen's code did not arrive (src/app/App.ts)
  screenLoadFailed: {
    ja: 'この画面を読み込めませんでした。「やり直す」を押してください。直らないときは、テレビの電源を入れ直してください。',
    en: 'This screen could not be loaded. Please press Retry. If that does not help, turn the TV off and on again.',
  },
  unexpected: {
    ja: '思わぬエラーが起きました。しばらくしてから、もう一度お試しください。',
    en: 'An unexpected error occurred. Please try again later.',
  },
} satisfies Record<string, ViewerMessage>;

export type FlowMessageKey = keyof typeof FLOW_MESSAGES;
/** A key of this table or an SDK error code (its wording comes from the SDK). */
export type MessageKey = FlowMessageKey | PlatformErrorCode;
export type MessageParams = Record<string, string | number>;
export type Language = 'ja' | 'en';

export function messageFor(key: MessageKey): ViewerMessage {
  return key in FLOW_MESSAGES
    ? FLOW_MESSAGES[key as FlowMessageKey]
    : PLATFORM_MESSAGES[key as PlatformErrorCode];
}

/** The message in one language with its `{placeholders}` filled (unknown ones are left as they are). */
export function formatMessage(key: MessageKey, language: Language, params: MessageParams = {}): string {
  return messageFor(key)[language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export type { ViewerMessage };
