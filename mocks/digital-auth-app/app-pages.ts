/**
 * The screens of the simulated デジタル認証アプリ, as the phone shows them: which service asks, the
 * card's PIN typed here (never on the TV, never on the service's page), the tries left, and what
 * to do when the card is locked. Mobile first, Japanese first with English beneath, no script;
 * every value is escaped.
 */
import { escapeHtml, mobilePage } from '../html';

interface Bilingual {
  ja: string;
  en: string;
}

export type AppScreen =
  | {
      kind: 'pin';
      /** The relying party's name, as registered with the app. */
      service: Bilingual;
      triesLeft: number;
      problem?: 'incorrect' | 'format' | 'confirmLastTry';
      action: string;
      cancel: string;
    }
  | { kind: 'locked'; cancel: string }
  | { kind: 'noCard'; retry: string; cancel: string }
  | { kind: 'gone' };

const TITLE: Bilingual = {
  ja: 'デジタル認証アプリ（シミュレーター）',
  en: 'Digital authentication app (simulator)',
};

const text = ({ ja, en }: Bilingual, className = ''): string =>
  `<p class="${className}">${escapeHtml(ja)}</p><p class="en ${className}" lang="en">${escapeHtml(en)}</p>`;

const cancelForm = (action: string, label: Bilingual): string =>
  `<form method="post" action="${escapeHtml(action)}"><button type="submit" class="secondary">${escapeHtml(label.ja)} <span lang="en">${escapeHtml(label.en)}</span></button></form>`;

const PROBLEMS: Record<'incorrect' | 'format' | 'confirmLastTry', (triesLeft: number) => Bilingual> = {
  incorrect: (triesLeft) => ({
    ja: `暗証番号が違います。あと${triesLeft}回間違えるとカードがロックされます。`,
    en: `Wrong PIN. ${triesLeft} more wrong ${triesLeft === 1 ? 'try locks' : 'tries lock'} the card.`,
  }),
  format: () => ({ ja: '暗証番号は数字4桁です。', en: 'The PIN is 4 digits.' }),
  confirmLastTry: () => ({
    ja: '最後の1回です。入力する前に、下の確認にチェックを入れてください。',
    en: 'This is the last try. Tick the confirmation below before you enter the PIN.',
  }),
};

/** The field comes first, with the tries left beside it: the rest is for whoever scrolls. */
function pinScreen(screen: Extract<AppScreen, { kind: 'pin' }>): string {
  const lastTry = screen.triesLeft === 1;
  return `${screen.problem ? text(PROBLEMS[screen.problem](screen.triesLeft), 'problem') : ''}
${text({
  ja: `「${screen.service.ja}」がマイナンバーカードでの本人確認を求めています。`,
  en: `“${screen.service.en}” asks you to prove who you are with your My Number Card.`,
})}
<form method="post" action="${escapeHtml(screen.action)}">
<label for="pin">利用者証明用の暗証番号（数字4桁） <span lang="en">User certificate PIN (4 digits)</span></label>
<input id="pin" name="pin" type="password" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" autocomplete="off" required>
${text(
  {
    ja: `残り${screen.triesLeft}回。3回続けて間違えるとロックされ、市区町村の窓口でしか解除できません。`,
    en: `${screen.triesLeft} ${screen.triesLeft === 1 ? 'try' : 'tries'} left. Three wrong PINs in a row lock the card; only the city office can unlock it.`,
  },
  'warning',
)}
${
  lastTry
    ? `<label class="check"><input type="checkbox" name="confirmLastTry" value="yes"> 最後の1回です。間違えるとロックされることを確認しました。 <span lang="en">This is the last try; a wrong PIN locks the card.</span></label>`
    : ''
}
<button type="submit">カードを読み取る <span lang="en">Read the card</span></button>
</form>
${text({
  ja: 'カードはスマートフォンの背面に当てたまま、読み取りが終わるまで動かさないでください。',
  en: 'Keep the card against the back of the phone until the reading is done.',
})}
${cancelForm(screen.cancel, { ja: 'やめる', en: 'Cancel' })}`;
}

function body(screen: AppScreen): string {
  switch (screen.kind) {
    case 'pin':
      return pinScreen(screen);
    case 'locked':
      return `${text(
        {
          ja: '暗証番号が3回間違えたため、カードの利用者証明用電子証明書がロックされています。お住まいの市区町村の窓口で、カードと本人確認書類をお持ちのうえ、ロックの解除をご依頼ください。',
          en: 'The card’s user certificate is locked after three wrong PINs. Take the card and an identity document to your city office to have it unlocked.',
        },
        'problem',
      )}${cancelForm(screen.cancel, { ja: '戻る', en: 'Back' })}`;
    case 'noCard':
      return `${text(
        {
          ja: 'カードを読み取れませんでした。マイナンバーカードをスマートフォンの背面に当てたまま、もう一度お試しください。',
          en: 'The card could not be read. Hold your My Number Card to the back of the phone and try again.',
        },
        'problem',
      )}<p><a class="button" href="${escapeHtml(screen.retry)}">もう一度読み取る <span lang="en">Read again</span></a></p>${cancelForm(screen.cancel, { ja: 'やめる', en: 'Cancel' })}`;
    case 'gone':
      return text(
        {
          ja: 'この手続きは終わったか、時間切れになりました。テレビの画面から、もう一度始めてください。',
          en: 'This request has ended or timed out. Please start again from the TV screen.',
        },
        'problem',
      );
  }
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;line-break:strict;font:18px/1.6 system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;color:#111;background:#f4f8f4}
header{background:#1b5e20;color:#fff;padding:.5rem 1rem;font-weight:bold;font-size:.9rem}
main{max-width:32rem;margin:0 auto;padding:1rem}
.en{color:#444;font-size:.9em;margin-top:-.5rem}
.problem{color:#a00;font-weight:bold}
.warning{font-weight:bold}
label{display:block;font-weight:bold;margin:1rem 0 .25rem}
label.check{font-weight:normal;display:flex;gap:.5rem;align-items:flex-start}
label.check input{width:28px;height:28px;min-height:0;flex:none}
input{width:100%;min-height:56px;font-size:1.8rem;letter-spacing:.4em;padding:.5rem;border:2px solid #333;border-radius:8px}
button{display:block;width:100%;min-height:56px;margin:1rem 0;padding:.75rem;font-size:1.2rem;font-weight:bold;border-radius:8px;border:2px solid #1b5e20;background:#1b5e20;color:#fff}
button.secondary{background:#fff;color:#1b5e20}
a.button{display:block;min-height:56px;margin:1rem 0;padding:.75rem;font-size:1.2rem;font-weight:bold;text-align:center;text-decoration:none;border-radius:8px;background:#1b5e20;color:#fff}
`;

/** The whole screen; `nonce` is the one the Content-Security-Policy allows for the style. */
export function renderAppScreen(screen: AppScreen, nonce: string): string {
  return mobilePage({
    title: TITLE.ja,
    nonce,
    style: STYLE,
    referrer: 'no-referrer',
    header: `<header>${escapeHtml(TITLE.ja)}<br><span lang="en">${escapeHtml(TITLE.en)}</span></header>`,
    main: body(screen),
  });
}
