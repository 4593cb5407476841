/**
 * What an operator file for a real fleet (`environment` production or staging) may not contain:
 * everything that only the demo on one machine may use. Each rule is one bilingual line naming the
 * field and the way forward.
 */
import type { OperatorConfig } from './load-operator';

/** Hosts that are this machine: a box's own loopback is never the operator's platform or app server. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|\[::\])$/i;

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

const isOperatorHttps = (url: string) => url.startsWith('https://') && !LOOPBACK.test(hostOf(url));

export function productionProblems(config: OperatorConfig): string[] {
  if (config.environment === 'development') return [];
  const fleet = config.environment;
  const problems: string[] = [];
  const refuse = (ja: string, en: string) => problems.push(`${ja} / ${fleet}: ${en}`);
  if (!isOperatorHttps(config.platform.baseUrl)) {
    refuse(
      'platform.baseUrl は事業者の https のアドレスにしてください（http やループバックのシミュレーターは開発用です）',
      `platform.baseUrl must be the operator's https address; http and the simulator on the loopback are for development only`,
    );
  }
  if (!config.app) {
    refuse(
      'app.url がありません（受信機が開くアプリのアドレス）',
      'app.url missing: the address the boxes open',
    );
  } else if (!isOperatorHttps(config.app.url)) {
    refuse(
      'app.url は事業者の https のアドレスにしてください',
      `app.url must be the operator's https address, not http or the loopback`,
    );
  }
  if (config.bridge.token !== undefined) {
    refuse(
      'bridge.token（固定トークン）はデモ用です。外すと受信機が起動ごとに新しいトークンを作ります',
      'bridge.token is a demo setting (the same token on every box); leave it out and each box makes its own at every start',
    );
  }
  if (!config.bridge.readers) {
    refuse(
      'bridge.readers がありません（マイナンバーカード用の読み取り機の名前。ないと全読み取り機を使います）',
      'bridge.readers missing: without it the bridge serves every reader of the box, B-CAS slots included',
    );
  }
  return problems;
}
