/**
 * The paired phone's page: what the TV sent (booking confirmations, checkup summaries, notices),
 * newest first, the touch remote (phone-remote-page.ts) and 解除する. Mobile first, Japanese first with English beneath, no script. Every
 * title and line came from the TV as plain text: it goes through `escapeHtml` and is shown as
 * text, never as markup.
 */
import { escapeHtml } from '../../../html';
import type { PhoneItem, PhoneItemKind } from '../../../../src/platform/types';
import { PAGE_STYLE, pairingPage } from './page';
import { REMOTE_STYLE, remoteSection, type RemoteNotice } from './phone-remote-page';

export type PhonePageState =
  | {
      kind: 'items';
      boxName: string;
      items: PhoneItem[];
      csrf: string;
      expiresAt: string;
      /** The touch remote's form token, and what became of the last press (or the TV's refusal). */
      remoteCsrf: string;
      notice?: RemoteNotice;
    }
  /** No credential of a paired phone came with the request. */
  | { kind: 'unknown' }
  /** The pairing ended: 解除 on either side, the box paired again, or its time ran out. */
  | { kind: 'ended'; boxName: string }
  /** This phone has just unpaired. */
  | { kind: 'unpaired'; boxName: string }
  | { kind: 'csrf' };

const TITLE = { ja: 'テレビから送られたもの', en: 'Sent from your TV' };

const KIND_LABEL: Record<PhoneItemKind, { ja: string; en: string }> = {
  booking: { ja: '予約', en: 'Booking' },
  checkup: { ja: '健診結果', en: 'Checkup' },
  notice: { ja: 'お知らせ', en: 'Notice' },
};

const JST = 9 * 60 * 60_000;

/** 2026年12月7日 12:05 (ja) or 2026-12-07 12:05 (en), in Japan time. */
function jstTime(iso: string, language: 'ja' | 'en' = 'ja'): string {
  const d = new Date(Date.parse(iso) + JST);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  return language === 'ja'
    ? `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${time}`
    : `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${time}`;
}

const paragraph = (ja: string, en: string, className = ''): string =>
  `<p class="${className}">${escapeHtml(ja)}</p><p class="en ${className}" lang="en">${escapeHtml(en)}</p>`;

const enterLink = (action: string): string =>
  `<p><a class="button" href="${escapeHtml(action)}">番号を入力してつなぐ <span lang="en">Enter a code to connect</span></a></p>`;

function item(sent: PhoneItem): string {
  const label = KIND_LABEL[sent.kind];
  const lines = sent.lines.map((line) =>
    line === '' ? '<li class="gap"></li>' : `<li>${escapeHtml(line)}</li>`,
  );
  return `<article>
<p class="kind">${escapeHtml(label.ja)} <span lang="en">${escapeHtml(label.en)}</span> ・ <time datetime="${escapeHtml(sent.sentAt)}">${escapeHtml(jstTime(sent.sentAt))}</time></p>
<h2>${escapeHtml(sent.title)}</h2>
<ul>${lines.join('')}</ul>
</article>`;
}

function body(state: PhonePageState, action: string): string {
  switch (state.kind) {
    case 'items':
      return `${paragraph(
        `「${state.boxName}」とつながっています。テレビで「スマートフォンに送る」を選ぶと、ここに表示されます。`,
        `Connected to “${state.boxName}”. What you send with “Send to phone” on the TV appears here.`,
      )}
${remoteSection(action, state.remoteCsrf, state.notice)}
<h2 class="sent">送られたもの <span class="en" lang="en">Sent items</span></h2>
${
  state.items.length === 0
    ? paragraph('まだ何も送られていません。', 'Nothing has been sent yet.', 'empty')
    : state.items.map(item).join('\n')
}
<form method="post" action="${escapeHtml(`${action}/phone/unpair`)}">
<input type="hidden" name="csrf" value="${escapeHtml(state.csrf)}">
${paragraph(
  `つながりは${jstTime(state.expiresAt)}まで有効です。解除すると、テレビからは送れなくなり、ここに表示されたものも消えます。`,
  `The connection lasts until ${jstTime(state.expiresAt, 'en')} (Japan time). Unpairing stops the TV from sending and removes what is shown here.`,
  'small',
)}
<button type="submit" class="secondary">解除する <span lang="en">Unpair</span></button>
</form>`;
    case 'unknown':
      return `${paragraph(
        'このスマートフォンは、テレビとつながっていません。テレビのホーム画面で「スマートフォンとつなぐ」を選び、表示された番号を入力してください。',
        'This phone is not connected to a TV. On the TV, choose “Connect a phone” on the home screen and enter the code it shows.',
        'problem',
      )}${enterLink(action)}`;
    case 'ended':
      return `${paragraph(
        `「${state.boxName}」とのつながりは終わりました。解除されたか、有効期間が過ぎました。もう一度つなぐときは、テレビで新しい番号を表示してください。`,
        `The connection with “${state.boxName}” has ended: it was unpaired or its time ran out. To connect again, show a new code on the TV.`,
        'problem',
      )}${enterLink(action)}`;
    case 'unpaired':
      return `${paragraph(
        `「${state.boxName}」とのつながりを解除しました。テレビからは、もう送られません。`,
        `You unpaired from “${state.boxName}”. The TV can no longer send to this phone.`,
      )}${enterLink(action)}`;
    case 'csrf':
      return `${paragraph(
        'このページの有効期間が切れたため、受け付けられませんでした。ページを開き直して、もう一度お試しください。',
        'This page has expired, so your answer was not taken. Please open the page again and retry.',
        'problem',
      )}<p><a class="button" href="${escapeHtml(`${action}/phone`)}">開き直す <span lang="en">Open again</span></a></p>`;
  }
}

const STYLE = `${PAGE_STYLE}${REMOTE_STYLE}
h2.sent{font-size:1.25rem;margin:1.5rem 0 .5rem;border-top:2px solid #333;padding-top:.5rem}
article{border:2px solid #333;border-radius:8px;padding:.75rem 1rem;margin:1rem 0}
article h2{font-size:1.25rem;line-height:1.4;margin:.25rem 0 .5rem;overflow-wrap:anywhere}
article ul{list-style:none;margin:0;padding:0}article li{overflow-wrap:anywhere}li.gap{height:.6em}
.kind{margin:0;color:#333;font-size:.95rem}.small{font-size:.95rem}
`;

/** The whole page; `nonce` is the one the Content-Security-Policy allows for the style. */
export function renderPhonePage(state: PhonePageState, action: string, nonce: string): string {
  return pairingPage(TITLE, STYLE, nonce, body(state, action));
}
