/**
 * Loads and validates an operator configuration (config/operators/NAME.json) against
 * config/operator.schema.json, then the rules a schema cannot state (contrast, idle timing, the
 * logo file). Every problem becomes one bilingual line naming the JSON path, e.g.
 *   support.phone の形式が正しくありません / support.phone: not a phone number (03-1234-5678)
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from './operator.schema.json';
import { describeErrors, type FieldHints } from '../native-bridge/service/ajv-messages';
import { readJsonFile } from '../native-bridge/service/read-json-file';
import { MINIMUM_CONTRAST, contrastRatio } from '../src/app/theme/contrast';
import { productionProblems } from './production-rules';

type ServiceName = 'health' | 'booking';
export type ThemeColor = 'background' | 'text' | 'accent' | 'onAccent' | 'focus' | 'onFocus';
/** The operator theme's text/background pairs that must reach MINIMUM_CONTRAST. */
export const CONTRAST_PAIRS = [
  ['text', 'background'],
  ['onAccent', 'accent'],
  ['onFocus', 'focus'],
] as const satisfies readonly (readonly [ThemeColor, ThemeColor])[];
interface Bilingual {
  ja: string;
  en: string;
}

type Environment = 'production' | 'staging' | 'development';

export interface OperatorConfig {
  id: string;
  environment: Environment;
  name: Bilingual;
  /** The launcher's address at the operator's root (required outside development). */
  app?: { url: string };
  support: { phone: string; hours?: Bilingual };
  platform: { baseUrl: string };
  bridge: { port: number; token?: string; readers?: string[] };
  /** The operator's telemetry collector (https), when it runs one. */
  telemetryUrl?: string;
  services: ServiceName[];
  session: { idleTimeoutSeconds: number; warningLeadSeconds?: number };
  theme: { colors: Record<ThemeColor, string>; logo: string };
  defaultLanguage: 'ja' | 'en';
  /** The box's Thunder for text-to-speech, when not at ws://127.0.0.1:9998/jsonrpc. */
  tts?: { thunderUrl: string };
}

/** The session machine's default warning lead (src/features/session/machine: DEFAULT_WARNING_LEAD_MS). */
const DEFAULT_WARNING_LEAD_SECONDS = 30;
/** Activity time left before the warning starts, so the warning never fires right after a key. */
const MINIMUM_QUIET_SECONDS = 30;

export class OperatorConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      `運営者設定が正しくありません / invalid operator configuration: ${file}\n` +
        problems.map((line) => `  - ${line}`).join('\n'),
    );
    this.name = 'OperatorConfigError';
  }
}

/** What a pattern or format violation means, per field (paths with array indexes as `*`). */
const FIELD_HINTS: FieldHints = {
  id: { ja: '英小文字・数字・ハイフン 2〜63 文字', en: 'lower-case letters, digits, hyphens (2–63)' },
  'support.phone': { ja: '電話番号', en: 'not a phone number (03-1234-5678)' },
  'app.url': {
    ja: 'https の URL で / で終わる（デモのみ http://127.0.0.1）',
    en: 'must be an https URL ending in / (http only for 127.0.0.1, the demo)',
  },
  'tts.thunderUrl': {
    ja: 'ws://127.0.0.1:ポート/… の形（受信機の Thunder）',
    en: "must be ws://127.0.0.1:PORT/… (the box's own Thunder)",
  },
  'platform.baseUrl': {
    ja: 'https の URL（デモのみ http://127.0.0.1）',
    en: 'must be an https URL (http only for 127.0.0.1, the demo)',
  },
  'bridge.token': {
    ja: '英数字と _ - だけの 22〜128 文字',
    en: '22–128 characters: letters, digits, _ and - only',
  },
  telemetryUrl: {
    ja: 'https の URL（クエリや # なし）',
    en: 'must be an https URL without query or fragment',
  },
  'theme.logo': {
    ja: '設定ファイルからの相対パスの .svg か .png',
    en: 'an .svg or .png path relative to the configuration file',
  },
  'theme.colors.*': { ja: '#RRGGBB 形式の色', en: 'not a #RRGGBB colour' },
};

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validateSchema = ajv.compile<OperatorConfig>(schema);

/** The rules beyond the schema; `baseDir` is where the logo path is resolved. */
function semanticProblems(config: OperatorConfig, baseDir: string): string[] {
  const problems: string[] = [];
  for (const [fg, bg] of CONTRAST_PAIRS) {
    const ratio = contrastRatio(config.theme.colors[fg], config.theme.colors[bg]);
    if (ratio < MINIMUM_CONTRAST) {
      const pair = `theme.colors.${fg}/${bg}`;
      const shown = ratio.toFixed(2);
      problems.push(
        `${pair} のコントラスト比が ${shown}:1 で、${MINIMUM_CONTRAST}:1 に足りません / ` +
          `${pair}: contrast ${shown}:1 is below ${MINIMUM_CONTRAST}:1`,
      );
    }
  }
  const { idleTimeoutSeconds, warningLeadSeconds = DEFAULT_WARNING_LEAD_SECONDS } = config.session;
  if (idleTimeoutSeconds - warningLeadSeconds < MINIMUM_QUIET_SECONDS) {
    problems.push(
      `session.warningLeadSeconds は idleTimeoutSeconds より ${MINIMUM_QUIET_SECONDS} 秒以上短くしてください / ` +
        `session.warningLeadSeconds: must be at least ${MINIMUM_QUIET_SECONDS} s shorter than idleTimeoutSeconds`,
    );
  }
  problems.push(...productionProblems(config));
  const logo = path.resolve(baseDir, config.theme.logo);
  if (!existsSync(logo)) {
    problems.push(`theme.logo のファイルがありません: ${logo} / theme.logo: file not found: ${logo}`);
  }
  return problems;
}

/** Validates parsed JSON; throws OperatorConfigError listing every problem. */
export function validateOperator(value: unknown, file: string, baseDir = path.dirname(file)): OperatorConfig {
  if (!validateSchema(value)) {
    throw new OperatorConfigError(file, describeErrors(validateSchema.errors, FIELD_HINTS));
  }
  const problems = semanticProblems(value, baseDir);
  if (problems.length) throw new OperatorConfigError(file, problems);
  return value;
}

/** Reads, parses and validates an operator configuration file. */
export function loadOperator(file: string): OperatorConfig {
  const read = readJsonFile(file);
  if (!read.ok) throw new OperatorConfigError(file, read.problems);
  return validateOperator(read.value, file);
}

/** Session timing in milliseconds, as the session machine takes it. */
export function sessionTiming(config: OperatorConfig): { idleTimeoutMs: number; warningLeadMs: number } {
  return {
    idleTimeoutMs: config.session.idleTimeoutSeconds * 1000,
    warningLeadMs: (config.session.warningLeadSeconds ?? DEFAULT_WARNING_LEAD_SECONDS) * 1000,
  };
}
