/**
 * The phone page of the device flow (RFC 8628 §3.3), as HTML: mobile first (viewport, one column,
 * touch targets of 56 px), Japanese first with English beneath, no script at all. Everything that
 * came from a request — the code the viewer typed, the box's name the TV sent — goes through
 * `escapeHtml` and is shown as text, never as markup.
 */
import { escapeHtml, mobilePage } from '../../../html';
import type { PairingClient } from './clients';

export type PageState =
  | { kind: 'enter'; typed?: string; problem?: 'invalid' | 'malformed' }
  | {
      kind: 'confirm';
      /** `login`: the TV asks to log in with the viewer's card, read by デジタル認証アプリ here. */
      scope: 'pairing' | 'login';
      userCode: string;
      boxName: string;
      client: PairingClient;
      csrf: string;
      minutesLeft: number;
    }
  | { kind: 'approved'; boxName: string }
  | { kind: 'denied'; boxName: string }
  | { kind: 'loggedIn'; boxName: string }
  | { kind: 'loginCancelled'; userCode: string }
  | { kind: 'loginRefused'; boxName: string; code: string }
  | { kind: 'loginUnavailable'; userCode: string }
  | { kind: 'limited'; minutes: number }
  | { kind: 'csrf' };

interface Bilingual {
  ja: string;
  en: string;
}

const TITLE: Bilingual = { ja: 'テレビとスマートフォンをつなぐ', en: 'Connect your TV and phone' };
const ENTER: Bilingual = {
  ja: 'テレビの画面に表示されている8文字の番号を入力してください。',
  en: 'Enter the 8-letter code shown on your TV screen.',
};
const NEXT: Bilingual = { ja: '次へ', en: 'Next' };
const PROBLEMS: Record<'invalid' | 'malformed', Bilingual> = {
  invalid: {
    ja: 'この番号は使えません。有効期間（10分）が過ぎたか、すでに使われたか、入力が違っています。テレビの番号を確かめて入力し直すか、テレビで新しい番号を表示してください。',
    en: 'This code cannot be used: it has expired (after 10 minutes), was already used, or was mistyped. Check the code on the TV and enter it again, or show a new code on the TV.',
  },
  malformed: {
    ja: '番号は8文字の英字です（例: BCDF-GHJK）。テレビの番号を確かめて入力し直してください。',
    en: 'The code is 8 letters (for example BCDF-GHJK). Check the code on the TV and enter it again.',
  },
};

const paragraph = (text: Bilingual, className = ''): string =>
  `<p class="${className}">${escapeHtml(text.ja)}</p><p class="en ${className}" lang="en">${escapeHtml(text.en)}</p>`;

function codeForm(action: string, typed = ''): string {
  return `<form method="get" action="${escapeHtml(action)}">
<label for="code">番号 <span lang="en">Code</span></label>
<input id="code" name="code" value="${escapeHtml(typed)}" placeholder="XXXX-XXXX" maxlength="20"
 autocomplete="one-time-code" autocapitalize="characters" autocorrect="off" spellcheck="false" required>
<button type="submit">${escapeHtml(NEXT.ja)} <span lang="en">${escapeHtml(NEXT.en)}</span></button>
</form>`;
}

/** Why the platform refused a card read on the phone, and what to do. */
function refusal(code: string): Bilingual {
  if (code === 'REGISTRATION_REQUIRED' || code === 'CUSTOMER_NOT_FOUND')
    return {
      ja: 'このカードは、まだこのサービスに登録されていません。カードリーダーのあるテレビで、はじめの登録をしてください。',
      en: 'This card is not registered with the service yet. Register it first on a TV with a card reader.',
    };
  if (code.startsWith('CERTIFICATE_'))
    return {
      ja: 'カードの利用者証明用電子証明書が、期限切れか失効しているため使えません。お住まいの市区町村の窓口で更新してください。',
      en: 'The card’s user certificate has expired or was revoked. Please renew it at your city office.',
    };
  return {
    ja: 'カードを確かめられませんでした。しばらくしてから、テレビでもう一度お試しください。',
    en: 'The card could not be checked. Please try again from the TV later.',
  };
}

const LOGIN_CANCELLED: Bilingual = {
  ja: 'ログインしませんでした。テレビはまだ待っています。',
  en: 'You did not log in. The TV is still waiting.',
};
const LOGIN_UNAVAILABLE: Bilingual = {
  ja: 'デジタル認証アプリにつながりませんでした。しばらくしてから、もう一度お試しください。',
  en: 'The Digital Authentication app could not be reached. Please try again in a while.',
};

const retryLink = (action: string, userCode: string): string =>
  `<p><a class="button" href="${escapeHtml(`${action}?code=${encodeURIComponent(userCode)}`)}">もう一度ためす <span lang="en">Try again</span></a></p>`;

function confirmButtons(scope: 'pairing' | 'login'): string {
  return scope === 'login'
    ? `<button type="submit" name="decision" value="login">マイナンバーカードでログインする <span lang="en">Log in with My Number Card</span></button>
<button type="submit" name="decision" value="deny" class="secondary">ログインしない <span lang="en">Do not log in</span></button>`
    : `<button type="submit" name="decision" value="approve">承認する <span lang="en">Approve</span></button>
<button type="submit" name="decision" value="deny" class="secondary">承認しない <span lang="en">Do not approve</span></button>`;
}

const ASKS: Record<'pairing' | 'login', Bilingual> = {
  pairing: {
    ja: '次のテレビが、このスマートフォンとつなぐことを求めています。',
    en: 'This TV asks to connect with this phone.',
  },
  login: {
    ja: '次のテレビが、あなたのマイナンバーカードでのログインを求めています。カードはこのスマートフォンのデジタル認証アプリで読み取り、暗証番号はアプリの画面で入力します。',
    en: 'This TV asks you to log in with your My Number Card. The Digital Authentication app on this phone reads the card; you type the PIN on the app’s screen.',
  },
};

function body(state: PageState, action: string): string {
  switch (state.kind) {
    case 'enter':
      return `${state.problem ? paragraph(PROBLEMS[state.problem], 'problem') : ''}${paragraph(ENTER)}${codeForm(action, state.typed)}`;
    case 'confirm':
      return `${paragraph(ASKS[state.scope])}
<dl>
<dt>テレビ <span lang="en">TV</span></dt><dd class="box">${escapeHtml(state.boxName)}</dd>
<dt>ケーブルテレビ会社 <span lang="en">Cable operator</span></dt><dd>${escapeHtml(state.client.name.ja)} <span lang="en">${escapeHtml(state.client.name.en)}</span></dd>
<dt>番号 <span lang="en">Code</span></dt><dd class="code">${escapeHtml(state.userCode)}</dd>
</dl>
${paragraph(
  {
    ja: `テレビの画面に同じ番号が表示されているときだけ承認してください。あと約${state.minutesLeft}分有効です。`,
    en: `Approve only if the TV screen shows this same code. It is valid for about ${state.minutesLeft} more minutes.`,
  },
  'warning',
)}
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="code" value="${escapeHtml(state.userCode)}">
<input type="hidden" name="csrf" value="${escapeHtml(state.csrf)}">
${confirmButtons(state.scope)}
</form>`;
    case 'approved':
      return `${paragraph({
        ja: `「${state.boxName}」とつながりました。テレビの画面をご覧ください。テレビから送られたものは、次のページで見られます。`,
        en: `Connected to “${state.boxName}”. Please look at the TV screen. What the TV sends appears on the next page.`,
      })}<p><a class="button" href="${escapeHtml(`${action}/phone`)}">テレビから送られたものを見る <span lang="en">See what the TV sent</span></a></p>`;
    case 'denied':
      return paragraph({
        ja: `「${state.boxName}」とはつなぎませんでした。テレビには何も渡していません。つなぐときは、テレビで新しい番号を表示してください。`,
        en: `Not connected to “${state.boxName}”; nothing was given to the TV. To connect, show a new code on the TV.`,
      });
    case 'loggedIn':
      return paragraph({
        ja: `「${state.boxName}」でログインしました。テレビの画面をご覧ください。このページは閉じてかまいません。`,
        en: `You are logged in on “${state.boxName}”. Please look at the TV screen. You may close this page.`,
      });
    case 'loginCancelled':
      return `${paragraph(LOGIN_CANCELLED, 'problem')}${retryLink(action, state.userCode)}`;
    case 'loginRefused':
      return paragraph(refusal(state.code), 'problem');
    case 'loginUnavailable':
      return `${paragraph(LOGIN_UNAVAILABLE, 'problem')}${retryLink(action, state.userCode)}`;
    case 'limited':
      return `${paragraph(
        {
          ja: `番号の入力が続いたため、受け付けを止めています。約${state.minutes}分待ってから、もう一度お試しください。`,
          en: `Too many codes were entered. Please wait about ${state.minutes} minutes and try again.`,
        },
        'problem',
      )}<p><a class="button" href="${escapeHtml(action)}">番号の入力へ <span lang="en">Enter a code</span></a></p>`;
    case 'csrf':
      return `${paragraph(
        {
          ja: 'このページの有効期間が切れたため、受け付けられませんでした。もう一度番号を入力してください。',
          en: 'This page has expired, so your answer was not taken. Please enter the code again.',
        },
        'problem',
      )}${codeForm(action)}`;
  }
}

export const PAGE_STYLE = `
*{box-sizing:border-box}
body{margin:0;line-break:strict;font:18px/1.6 system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;color:#111;background:#fff}
main{max-width:32rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.3;margin:.5rem 0 1rem;word-break:auto-phrase}
.en{color:#444;font-size:.9em;margin-top:-.5rem}
.problem{color:#a00;font-weight:bold}
.warning{font-weight:bold}
label{display:block;font-weight:bold;margin:1rem 0 .25rem}
input{width:100%;min-height:56px;font-size:1.5rem;letter-spacing:.1em;padding:.5rem;border:2px solid #333;border-radius:8px}
button,.button{display:block;width:100%;min-height:56px;margin:1rem 0;padding:.75rem;font-size:1.2rem;font-weight:bold;text-align:center;text-decoration:none;border-radius:8px;border:2px solid #0b57d0;background:#0b57d0;color:#fff}
button.secondary{background:#fff;color:#0b57d0}
dl{margin:1rem 0}dt{font-weight:bold;margin-top:.75rem}dd{margin:0;font-size:1.2rem;overflow-wrap:anywhere}
.code{font-size:1.6rem;letter-spacing:.15em;font-family:ui-monospace,monospace}
`;

/** The whole page; `nonce` is the one the Content-Security-Policy allows for the style. */
export function renderPage(state: PageState, action: string, nonce: string): string {
  return pairingPage(TITLE, PAGE_STYLE, nonce, body(state, action));
}

/** A pairing page (the approval's, the paired phone's): its title in both languages above `content`. */
export function pairingPage(title: Bilingual, style: string, nonce: string, content: string): string {
  return mobilePage({
    title: `${title.ja} / ${title.en}`,
    nonce,
    style,
    // The address carries the user code or the pairing's page: never pass it to another site.
    referrer: 'same-origin',
    header: '',
    main: `<h1>${escapeHtml(title.ja)}<br><span class="en" lang="en">${escapeHtml(title.en)}</span></h1>
${content}`,
  });
}
