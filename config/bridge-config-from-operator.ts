/**
 * The box's `/etc/madoguchi/bridge.json` from the same operator file as the app's settings.json, so
 * the two cannot disagree — and the check of a bridge.json written by other hands against it
 * (`npm run operator:check -- FILE --bridge-config bridge.json`).
 */
import { originOf } from './app-csp';
import type { OperatorConfig } from './load-operator';
import type { BridgeServiceConfig } from '../native-bridge/service/config';

/** Where `npm run dist` writes it: `<out>/_box/<id>/bridge.json` (no operator id starts with `_`). */
export const boxConfigDir = (outRoot: string, id: string) => `${outRoot}/_box/${id}`;

/** bridge.json for the operator's boxes; undefined without app.url (development only). */
export function bridgeConfigFromOperator(operator: OperatorConfig): BridgeServiceConfig | undefined {
  if (!operator.app) return undefined;
  return {
    port: operator.bridge.port,
    allowedOrigins: [originOf(operator.app.url)],
    appUrl: operator.app.url,
    backend: 'pcsc',
    ...(operator.bridge.readers ? { readers: [...operator.bridge.readers] } : {}),
    ...(operator.bridge.token !== undefined ? { token: operator.bridge.token } : {}),
    logLevel: 'info',
  };
}

const sameSet = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((item) => (b ?? []).includes(item));

/** Every way `config` (a validated bridge.json) would not serve the operator's app, one bilingual line each. */
export function bridgeConfigMismatches(operator: OperatorConfig, config: BridgeServiceConfig): string[] {
  const problems: string[] = [];
  const port = config.port ?? 9930;
  if (port !== operator.bridge.port) {
    problems.push(
      `port ${port} が運営者設定の bridge.port ${operator.bridge.port} と違います（アプリがつながりません） / ` +
        `port ${port} differs from the operator's bridge.port ${operator.bridge.port}: the app could not connect`,
    );
  }
  if (operator.app) {
    const origin = originOf(operator.app.url);
    if (!config.allowedOrigins.includes(origin)) {
      problems.push(
        `allowedOrigins に ${origin} がありません（アプリが断られます） / allowedOrigins lacks ${origin}: the app would be refused`,
      );
    }
    if (config.appUrl !== operator.app.url) {
      problems.push(
        `appUrl が app.url（${operator.app.url}）と違います / appUrl ${config.appUrl ?? '(none)'} differs from app.url ${operator.app.url}`,
      );
    }
  }
  if (operator.bridge.readers && !sameSet(config.readers, operator.bridge.readers)) {
    problems.push(
      `readers が bridge.readers と違います / readers ${JSON.stringify(config.readers ?? null)} differ from bridge.readers ${JSON.stringify(operator.bridge.readers)}`,
    );
  }
  if (operator.bridge.token !== undefined && config.token !== operator.bridge.token) {
    problems.push(
      'token が運営者設定の bridge.token と違います（アプリが断られます） / token differs from the operator’s bridge.token: the app would be refused',
    );
  }
  if (operator.environment !== 'development' && config.token !== undefined) {
    problems.push(
      `${operator.environment} で固定の token は使えません / ${operator.environment}: no fixed token; each box makes its own at every start`,
    );
  }
  return problems;
}
