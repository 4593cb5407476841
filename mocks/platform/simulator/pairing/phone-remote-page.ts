/**
 * The touch remote on the paired phone's page: big ↑ ↓ ← → 決定 戻る buttons and a text field whose
 * text is typed into the TV's entry. Plain forms (no script): each press is one POST, answered by
 * the page again with what became of it. While the TV shows a PIN or password screen the page says
 * to use the TV's remote instead, and the platform refuses every press.
 */
import { escapeHtml } from '../../../html';
import type { RemoteKey } from '../../../../src/platform/types';
import { REMOTE_TEXT_MAX, type RemoteOutcome } from './phone-remote';

/** What the page says above the remote: the last press's outcome, or a refusal of the request. */
export type RemoteNotice = RemoteOutcome | { kind: 'limited' } | { kind: 'tooLong' };

const SECRET_REFUSAL = {
  ja: '暗証番号・パスワードはテレビのリモコンで入力してください',
  en: 'Please enter PINs and passwords with the TV’s remote control',
};

const KEY_LABEL: Record<RemoteKey, { mark: string; ja: string; en: string }> = {
  up: { mark: '↑', ja: '上', en: 'Up' },
  down: { mark: '↓', ja: '下', en: 'Down' },
  left: { mark: '←', ja: '左', en: 'Left' },
  right: { mark: '→', ja: '右', en: 'Right' },
  ok: { mark: '決定', ja: '決定', en: 'OK' },
  back: { mark: '戻る', ja: '戻る', en: 'Back' },
};

const lines = (ja: string, en: string, className: string): string =>
  `<div class="notice ${className}" role="status"><p>${escapeHtml(ja)}</p><p class="en" lang="en">${escapeHtml(en)}</p></div>`;

function noticeHtml(notice: RemoteNotice): string {
  switch (notice.kind) {
    case 'sent': {
      const label = KEY_LABEL[notice.key];
      return lines(`「${label.ja}」を送りました。`, `Sent “${label.en}”.`, 'done');
    }
    case 'typed':
      return notice.dropped
        ? lines(
            `「${notice.text}」をテレビの入力欄に送りました。この欄は数字だけ入力できるため、数字のほかは送っていません。`,
            `Typed “${notice.text}” on the TV. That field takes digits only, so nothing else was sent.`,
            'done',
          )
        : lines(
            `「${notice.text}」をテレビの入力欄に送りました。`,
            `Typed “${notice.text}” on the TV.`,
            'done',
          );
    case 'secret':
      return lines(
        `${SECRET_REFUSAL.ja}。この画面では、スマートフォンからの操作は受け付けません。`,
        `${SECRET_REFUSAL.en}. This phone cannot operate that screen.`,
        'problem',
      );
    case 'tvAway':
      return lines(
        'テレビに届いていません。テレビの電源が入っているか、テレビにこのサービスの画面が映っているかを確かめてから、もう一度押してください。',
        'This is not reaching the TV. Check that the TV is on and showing this service, then press again.',
        'problem',
      );
    case 'noEntry':
      return lines(
        'テレビに文字を入力する欄が表示されていません。入力する画面をテレビに表示してから送ってください。',
        'The TV shows no field to type into. Open the screen with the field on the TV, then send again.',
        'problem',
      );
    case 'nothingFitted':
      return lines(
        'テレビの入力欄は数字だけ入力できます。送った文字に数字がなかったため、何も入力していません。',
        'The field on the TV takes digits only. What you sent had none, so nothing was typed.',
        'problem',
      );
    case 'limited':
      return lines(
        '続けて押されたため、少しの間受け付けません。数秒待ってから、もう一度押してください。',
        'Too many presses in a row. Wait a few seconds, then press again.',
        'problem',
      );
    case 'tooLong':
      return lines(
        `送れる文字は${REMOTE_TEXT_MAX}文字までです。短くして、もう一度送ってください。`,
        `You can send up to ${REMOTE_TEXT_MAX} characters. Shorten it and send again.`,
        'problem',
      );
  }
}

const keyButton = (key: RemoteKey): string => {
  const label = KEY_LABEL[key];
  const text =
    key === 'ok' || key === 'back'
      ? `${escapeHtml(label.mark)}<span class="en" lang="en">${escapeHtml(label.en)}</span>`
      : escapeHtml(label.mark);
  return `<button type="submit" name="key" value="${key}" class="key ${key}" aria-label="${escapeHtml(`${label.ja} ${label.en}`)}">${text}</button>`;
};

/** The remote section; `action` is the pairing pages' path (`/pair`). */
export function remoteSection(action: string, csrf: string, notice: RemoteNotice | undefined): string {
  const to = escapeHtml(`${action}/phone/remote`);
  const token = `<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">`;
  return `<section class="remote" aria-labelledby="remote-title">
<h2 id="remote-title">テレビのリモコン <span class="en" lang="en">TV remote</span></h2>
${notice ? noticeHtml(notice) : ''}
<form method="post" action="${to}" class="pad">
${token}
${(['up', 'left', 'ok', 'right', 'down', 'back'] as const).map(keyButton).join('\n')}
</form>
<form method="post" action="${to}" class="type">
${token}
<label for="remote-text">テレビの入力欄に送る文字 <span class="en" lang="en">Text to type on the TV</span></label>
<input id="remote-text" name="text" maxlength="${REMOTE_TEXT_MAX}" autocomplete="off" required>
<button type="submit">送る <span lang="en">Send</span></button>
</form>
<p class="small">${escapeHtml(`暗証番号・パスワードは、スマートフォンからは入力できません。`)}<br><span class="en" lang="en">PINs and passwords cannot be entered from this phone.</span></p>
</section>`;
}

export const REMOTE_STYLE = `
.remote{border-top:2px solid #333;margin-top:1.5rem;padding-top:.5rem}
.remote h2{font-size:1.25rem;margin:.5rem 0}
.pad{display:grid;grid-template-columns:repeat(3,1fr);grid-template-areas:". up ." "left ok right" "back down .";gap:.5rem;margin:1rem 0}
.pad .key{margin:0;min-height:72px;font-size:1.6rem;line-height:1.2;padding:.25rem}
.pad .key .en{display:block;margin:0;font-size:.8rem;color:inherit}
.pad .up{grid-area:up}.pad .down{grid-area:down}.pad .left{grid-area:left}.pad .right{grid-area:right}
.pad .ok{grid-area:ok;font-size:1.3rem}.pad .back{grid-area:back;font-size:1.2rem;background:#fff;color:#0b57d0}
.type input{letter-spacing:normal}
.notice{border:2px solid #333;border-radius:8px;padding:.5rem .75rem;margin:.75rem 0}.notice p{margin:0}
.notice.problem{border-color:#a00}.notice .en{margin-top:.25rem}
`;
