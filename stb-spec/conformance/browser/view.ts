/**
 * The kit's screen, plain DOM at 1920×1080 (sizes in rem, 1 rem = 1/22.5 of the screen height =
 * 48 px at 1080, so every text is at least 36 px and the prompt 72 px, readable at 3 m): a header,
 * the technician's prompt, the results as they come, and at the end the summary with the report's
 * download links. Prompts and the summary are also spoken when the browser can speak.
 */
import type { CaseResult, Verdict } from '../case';
import type { Prompt, PromptDisplay } from './screen-control';

const VERDICT_TEXT: Record<Verdict, string> = {
  passed: '合格 PASS',
  failed: '不合格 FAIL',
  skipped: '未実施 SKIP',
  'not-applicable': '対象外 N/A',
  'node-only': 'Node版のみ NODE ONLY',
};

const element = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

/** Speaks Japanese then English, when the browser has speechSynthesis (WPE may not). */
function speak(ja: string, en: string): void {
  const synthesis = (globalThis as { speechSynthesis?: SpeechSynthesis }).speechSynthesis;
  if (!synthesis || typeof SpeechSynthesisUtterance === 'undefined') return;
  try {
    synthesis.cancel();
    for (const [text, lang] of [
      [ja, 'ja-JP'],
      [en, 'en-US'],
    ] as const) {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      synthesis.speak(utterance);
    }
  } catch {
    // A box without a voice still shows every prompt.
  }
}

export class KitView implements PromptDisplay {
  private readonly status = element('p', 'status');
  private readonly prompt = element('section', 'prompt');
  private readonly log = element('ol', 'log');
  private readonly summary = element('section', 'summary');

  constructor(
    root: HTMLElement,
    private readonly total: number,
    bridgeUrl: string,
  ) {
    const header = element('header');
    header.append(
      element('h1', undefined, 'カードブリッジ適合性試験 / Card bridge conformance kit'),
      element('p', 'bridge', `${bridgeUrl}  (ブラウザ版 / browser build)`),
      this.status,
    );
    this.prompt.id = 'prompt';
    this.prompt.hidden = true;
    this.summary.id = 'summary';
    this.summary.hidden = true;
    root.replaceChildren(header, this.prompt, this.summary, this.log);
    this.progress(0);
  }

  progress(done: number): void {
    this.status.textContent = `実行中 / running: ${done} / ${this.total}`;
  }

  show(prompt: Prompt, timeoutMs: number): void {
    this.prompt.dataset.seq = String(prompt.seq);
    this.prompt.dataset.setup = prompt.setup;
    this.prompt.replaceChildren(
      element('p', 'ja', `▶ ${prompt.ja}`),
      element('p', 'en', prompt.en),
      element(
        'p',
        'hint',
        `終わったらリモコンの決定（OK）を押してください / then press OK on the remote ` +
          `(待機 / waiting up to ${Math.round(timeoutMs / 1000)} s)`,
      ),
      ...(prompt.declinable
        ? [
            element(
              'p',
              'hint decline',
              'このカードがない場合は「戻る」を押してください / No such card? Press BACK',
            ),
          ]
        : []),
    );
    this.prompt.hidden = false;
    speak(
      `${prompt.ja}。終わったら、決定ボタンを押してください。${prompt.declinable ? 'このカードがない場合は、戻るボタンを押してください。' : ''}`,
      `${prompt.en}, then press OK.${prompt.declinable ? ' No such card? Press BACK.' : ''}`,
    );
  }

  hide(): void {
    this.prompt.hidden = true;
    delete this.prompt.dataset.seq;
    delete this.prompt.dataset.setup;
  }

  /** A case finished: newest first, the reason under it. */
  add(result: CaseResult, done: number): void {
    const item = element('li', `result ${result.verdict}`);
    item.dataset.id = result.id;
    item.dataset.verdict = result.verdict;
    item.append(
      element('span', 'id', result.id),
      element('span', 'verdict', VERDICT_TEXT[result.verdict]),
      element('span', 'title', result.title),
    );
    if (result.reason) item.append(element('p', 'reason', result.reason));
    this.log.prepend(item);
    this.progress(done);
  }

  /** The end: the summary line, what it means, and the report's links. */
  finish(
    summary: string,
    verdict: { ja: string; en: string },
    links: { href: string; file: string; label: string }[],
  ): void {
    this.status.textContent = `終了 / finished: ${this.total} / ${this.total}`;
    const anchors = links.map(({ href, file, label }) => {
      const anchor = element('a', 'download', label);
      anchor.href = href;
      anchor.setAttribute('download', file); // the attribute even where the property is missing (WPE)
      return anchor;
    });
    this.summary.replaceChildren(
      element('p', 'verdict-ja', verdict.ja),
      element('p', 'verdict-en', verdict.en),
      element('p', 'line', summary),
      ...anchors,
    );
    this.summary.hidden = false;
    anchors[0]?.focus();
    speak(verdict.ja, verdict.en);
  }

  fatal(ja: string, en: string): void {
    this.status.textContent = '';
    this.summary.replaceChildren(element('p', 'verdict-ja', ja), element('p', 'verdict-en', en));
    this.summary.hidden = false;
    speak(ja, en);
  }
}
