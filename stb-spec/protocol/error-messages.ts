/**
 * What each error of the bridge protocol says, as the spec's message table (§10) has it:
 * `message` is the bridge's `error.message`, a short English text for logs (BR-RPC-9); `viewer` is
 * what the reference app tells the viewer, informative, since clients act on `code` and `data`
 * only (`{triesLeft}` is filled from `data`). error-messages.test.ts checks this table against the
 * spec's, field by field, and the app's messages are checked against `viewer`
 * (src/app/i18n/bridge-messages.test.ts).
 */
import type { BridgeErrorName, JsonRpcErrorName } from './errors';

export type ErrorName = BridgeErrorName | JsonRpcErrorName;

export interface ErrorMessage {
  message: string;
  /** None for the errors a correct client never causes (malformed requests). */
  viewer?: { ja: string; en: string };
}

export const ERROR_MESSAGES: Readonly<Record<ErrorName, ErrorMessage>> = {
  PARSE_ERROR: { message: 'Parse error' },
  INVALID_REQUEST: { message: 'Invalid Request' },
  METHOD_NOT_FOUND: { message: 'Method not found' },
  INVALID_PARAMS: { message: 'Invalid params' },
  INTERNAL_ERROR: {
    message: 'Internal error',
    viewer: {
      ja: 'カードを読み取れませんでした。カードを差し直して、もう一度お試しください。',
      en: 'The card could not be read. Please reinsert the card and try again.',
    },
  },
  NO_READER: {
    message: 'No such card reader is connected',
    viewer: {
      ja: 'カード読み取り機が見つかりません。読み取り機がつながっているか、お確かめください。',
      en: 'No card reader was found. Please check that the reader is connected.',
    },
  },
  NO_CARD: {
    message: 'No card in the reader',
    viewer: {
      ja: 'カードが抜かれました。カードを差し直して、もう一度お試しください。',
      en: 'The card was removed. Please insert it again and try again.',
    },
  },
  CARD_REMOVED: {
    message: 'The card was removed during the call',
    viewer: {
      ja: 'カードが抜かれました。カードを差し直して、もう一度お試しください。',
      en: 'The card was removed. Please insert it again and try again.',
    },
  },
  NOT_MY_NUMBER_CARD: {
    message: 'The card has no JPKI application: it is not a My Number Card',
    viewer: {
      ja: 'このカードはマイナンバーカードではないようです。マイナンバーカードを差してください。',
      en: 'This does not seem to be a My Number Card. Please insert your My Number Card.',
    },
  },
  CARD_CHANGED: {
    message: 'The card in the reader is not the one the call names',
    viewer: {
      ja: 'カードが入れ替わりました。はじめからやり直します。暗証番号は送っていません。',
      en: 'The card was changed. Starting again — your PIN was not sent.',
    },
  },
  READER_SERVICE_UNAVAILABLE: {
    message: 'The smart card service is not running',
    viewer: {
      ja: 'カード読み取り機が準備中です。しばらくお待ちください。直らないときは、受信機の電源を入れ直してください。',
      en: 'The card reader is starting up. Please wait. If this continues, restart the set-top box.',
    },
  },
  PIN_INCORRECT: {
    message: 'Wrong PIN',
    viewer: {
      ja: '暗証番号が違います。入力できるのは、あと{triesLeft}回です。',
      en: 'The PIN is not correct. You have {triesLeft} tries left.',
    },
  },
  PIN_LOCKED: {
    message: 'The PIN is locked; only the municipal office can unlock it',
    viewer: {
      ja: '暗証番号がロックされています。お住まいの市区町村の窓口で、ロックの解除（暗証番号の再設定）を受けてください。マイナンバーカードをお持ちください。',
      en: 'Your PIN is locked. Please have it unlocked (reset) at your city office. Bring your My Number Card.',
    },
  },
  LAST_ATTEMPT_NEEDS_CONFIRMATION: {
    message: 'One PIN try is left: the viewer must confirm before it is spent',
    viewer: {
      ja: '残り1回です。まちがえるとロックされ、市区町村の窓口での手続きが必要になります。この内容で確認するときは「決定」、入力し直すときは「戻る」を押してください。',
      en: 'One try left. If it is wrong, it will be locked and you will need to go to your city office. Press OK to check it, or Back to enter it again.',
    },
  },
  PIN_FORMAT: {
    message: 'The PIN does not have the required form',
    viewer: {
      ja: '暗証番号は数字4けたです。もう一度入力してください。',
      en: 'The PIN is 4 digits. Please enter it again.',
    },
  },
  CARD_ERROR: {
    message: 'The card gave an unexpected answer or none',
    viewer: {
      ja: 'カードを読み取れませんでした。カードを差し直して、もう一度お試しください。',
      en: 'The card could not be read. Please reinsert the card and try again.',
    },
  },
  BUSY: {
    message: 'The card reader is busy',
    viewer: {
      ja: 'カード読み取り機がほかの処理をしています。少し待ってから「やり直す」を押してください。',
      en: 'The card reader is busy. Please wait a moment and press Retry.',
    },
  },
};

/**
 * The `error.message` of `name`: the table's text, and after `: ` a detail in the bridge's own
 * words when it has one (never a value from the request nor data from the card, BR-RPC-9).
 */
export const errorMessage = (name: ErrorName, detail?: string): string =>
  detail ? `${ERROR_MESSAGES[name].message}: ${detail}` : ERROR_MESSAGES[name].message;
