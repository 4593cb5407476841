/**
 * The conformance kit in the box's own browser: the lab opens
 * `http://<origin on the bridge's allow-list>/kit/#bridgeToken=<token>&pin=1234&signPin=ABC123`
 * (launch.ts), the kit runs every case of cases/index.ts through the runner the Node kit uses, asks
 * the technician on screen for each card change (screen-control.ts), and ends with the summary and
 * the report as JUnit XML and JSON to save. Cases that need a forged Origin or Host or raw HTTP end
 * as "Node build only" (shims/node-only.ts), never as passed.
 */
import type { CaseResult, ConformanceCase } from '../case';
import { ALL_CASES } from '../cases';
import { junitXml } from '../junit';
import { allPassed, summaryLine, tally } from '../report';
import { runCases } from '../runner';
import { withToken } from '../client';
import { SPEC_VERSION } from '../../protocol/names';
import { readLaunch, type BrowserLaunch } from './launch';
import { ScreenControl } from './screen-control';
import { KitView } from './view';

/** What the page shows, for a lab's own automation (and the kit's e2e test) to read. */
export interface KitState {
  state: 'running' | 'done';
  results: CaseResult[];
  summary?: string;
  passed?: boolean;
}

declare global {
  interface Window {
    __conformanceKit?: KitState;
  }
}

const OK_KEYS = new Set(['Enter', 'NumpadEnter']);
/** The remote's BACK key (spec key map): "I have no such test card". */
const BACK_KEYS = new Set(['Backspace', 'BrowserBack']);

export function selectCases(only: readonly string[]): ConformanceCase[] {
  if (!only.length) return [...ALL_CASES];
  const patterns = only.map((p) => p.toLowerCase());
  return ALL_CASES.filter((c) =>
    patterns.some((p) => c.id.toLowerCase() === p || c.title.toLowerCase().includes(p)),
  );
}

function verdictText(results: readonly CaseResult[], partial: boolean): { ja: string; en: string } {
  const t = tally(results);
  const part = partial
    ? { ja: '（一部の項目のみ：適合の結果ではありません）', en: ' (a partial run is not a result)' }
    : { ja: '', en: '' };
  if (allPassed(results)) return { ja: `全項目に合格しました${part.ja}`, en: `Every case passed${part.en}` };
  if (t.failed > 0)
    return { ja: `${t.failed} 項目が不合格です${part.ja}`, en: `${t.failed} case(s) failed${part.en}` };
  if (t.skipped > 0)
    return {
      ja: `${t.skipped} 項目が未実施です${part.ja}`,
      en: `${t.skipped} case(s) could not run${part.en}`,
    };
  return {
    ja: `ブラウザで実行できる全項目に合格しました。${t.nodeOnly} 項目は Node 版で確認してください${part.ja}`,
    en: `Every case the browser can run passed; ${t.nodeOnly} case(s) need the Node build${part.en}`,
  };
}

function reportLinks(launch: BrowserLaunch, results: CaseResult[], started: Date, summary: string) {
  const properties = {
    url: launch.kit.url,
    origin: launch.kit.origin,
    mode: 'interactive',
    build: 'browser',
    reader: launch.kit.reader ?? '',
    specVersion: SPEC_VERSION,
    userAgent: navigator.userAgent,
  };
  const xml = junitXml(results, {
    suiteName: 'madoguchi card bridge conformance (browser build)',
    timestamp: started,
    properties,
  });
  const json = JSON.stringify(
    { ...properties, startedAt: started.toISOString(), summary, passed: allPassed(results), results },
    null,
    2,
  );
  const href = (text: string, type: string) => URL.createObjectURL(new Blob([text], { type }));
  return [
    {
      href: href(xml, 'application/xml'),
      file: 'conformance-results.xml',
      label: 'JUnit XML を保存 / save JUnit XML',
    },
    {
      href: href(json, 'application/json'),
      file: 'conformance-results.json',
      label: 'JSON を保存 / save JSON',
    },
  ];
}

/** Says at once when the bridge refuses the page itself (origin not allowed, wrong token). */
function probe(launch: BrowserLaunch, view: KitView): void {
  const socket = new WebSocket(withToken(launch.kit.url, launch.kit.token));
  socket.onopen = () => socket.close();
  socket.onerror = () =>
    view.fatal(
      'ブリッジに接続できません。このページのオリジンが許可リストにあるか、トークンを確認してください',
      `The bridge refused this page: is ${launch.kit.origin} on its allow-list, and is bridgeToken right?`,
    );
}

export async function startKit(): Promise<void> {
  const launch = readLaunch(location.hash, location.origin);
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  const cases = selectCases(launch.only);
  const root = document.getElementById('kit') ?? document.body;
  const view = new KitView(root, cases.length, launch.kit.url);
  const state: KitState = { state: 'running', results: [] };
  window.__conformanceKit = state;
  if (launch.problems.length) {
    view.fatal('起動URLに誤りがあります', `The launch URL is wrong: ${launch.problems.join('; ')}`);
    return;
  }
  if (launch.kit.token === undefined) {
    view.fatal(
      '起動URLに bridgeToken がありません',
      'The launch URL has no bridgeToken: open the kit as #bridgeToken=<token>&…',
    );
    return;
  }
  probe(launch, view);
  const control = new ScreenControl(view, launch.promptTimeoutMs);
  document.addEventListener('keydown', (event) => {
    if (OK_KEYS.has(event.key) || event.keyCode === 13) {
      event.preventDefault();
      control.confirm();
    } else if (BACK_KEYS.has(event.key) || event.keyCode === 8 || event.keyCode === 166) {
      event.preventDefault();
      control.decline();
    }
  });
  const started = new Date();
  let results: CaseResult[];
  try {
    results = await runCases({
      kit: launch.kit,
      control,
      cases,
      caseTimeoutMs: 30 * 60_000,
      onResult: (result) => {
        state.results.push(result);
        control.dismiss();
        view.add(result, state.results.length);
      },
    });
  } finally {
    await control.close();
  }
  const summary = summaryLine(results);
  const links = reportLinks(launch, results, started, summary);
  Object.assign(state, { state: 'done', summary, passed: allPassed(results) });
  view.finish(summary, verdictText(results, launch.only.length > 0), links);
}

startKit().catch((error: Error) => {
  const summary = document.getElementById('kit') ?? document.body;
  summary.textContent = `キットのエラー / kit error: ${error.message}`;
});
