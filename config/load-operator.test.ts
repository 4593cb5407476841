import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MINIMUM_CONTRAST, contrastRatio, relativeLuminance } from '../src/app/theme/contrast';
import {
  CONTRAST_PAIRS,
  OperatorConfigError,
  loadOperator,
  sessionTiming,
  validateOperator,
} from './load-operator';
import operatorSchema from './operator.schema.json';
import { BRIDGE_TOKEN_PATTERN } from '../stb-spec/protocol/names';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the corpus breaks the JSON on purpose
type RawConfig = Record<string, any>;

const OPERATORS = path.join(__dirname, 'operators');
const EXAMPLES = readdirSync(OPERATORS).filter((f) => f.endsWith('.json'));
const base = () => JSON.parse(readFileSync(path.join(OPERATORS, 'minato-catv.json'), 'utf8'));

function problemsOf(mutate: (config: RawConfig) => void): string[] {
  const config = base();
  mutate(config);
  try {
    validateOperator(config, path.join(OPERATORS, 'invalid.json'));
  } catch (error) {
    if (error instanceof OperatorConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('example operators', () => {
  it("takes the bridge token's form from the spec, so the app and the bridge agree on it", () =>
    expect(operatorSchema.properties.bridge.properties.token.pattern).toBe(BRIDGE_TOKEN_PATTERN));

  it('has two examples', () => expect(EXAMPLES.length).toBeGreaterThanOrEqual(2));

  it.each(EXAMPLES)('%s is valid and its id matches the file name', (file) => {
    const config = loadOperator(path.join(OPERATORS, file));
    expect(`${config.id}.json`).toBe(file);
  });

  it.each(EXAMPLES)('%s: every text/background pair reaches 7:1', (file) => {
    const { colors } = loadOperator(path.join(OPERATORS, file)).theme;
    for (const [fg, bg] of CONTRAST_PAIRS) {
      expect(contrastRatio(colors[fg], colors[bg])).toBeGreaterThanOrEqual(MINIMUM_CONTRAST);
    }
  });

  it('gives the session machine its timing in ms (default warning lead 30 s)', () => {
    const config = loadOperator(path.join(OPERATORS, 'minato-catv.json'));
    expect(sessionTiming(config)).toEqual({ idleTimeoutMs: 600_000, warningLeadMs: 30_000 });
  });
});

describe('WCAG contrast', () => {
  it('matches the reference values', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#FFFFFF')).toBeCloseTo(1, 10);
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 10);
    expect(contrastRatio('#FFFFFF', '#777777')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#777777', '#FFFFFF')).toBe(contrastRatio('#FFFFFF', '#777777'));
  });

  it("gives an operator's #RRGGBB and the app's ARGB of one colour the same ratio", () => {
    expect(contrastRatio('#1A2B3C', '#F0E0D0')).toBe(contrastRatio(0xff1a2b3c, 0xfff0e0d0));
  });

  it('refuses a non-colour', () => expect(() => relativeLuminance('red')).toThrow('#RRGGBB'));
});

describe('invalid configurations, each with a specific bilingual message', () => {
  const corpus: [string, (c: RawConfig) => void, string][] = [
    ['bad phone', (c) => (c.support.phone = '12345'), 'support.phone: not a phone number (03-1234-5678)'],
    ['phone digits', (c) => (c.support.phone = '03-1234-56789'), 'support.phone の形式が正しくありません'],
    [
      'http platform',
      (c) => (c.platform.baseUrl = 'http://platform.example'),
      'platform.baseUrl: must be an https URL',
    ],
    [
      'telemetry over http',
      (c) => (c.telemetryUrl = 'http://collector.example/records'),
      'telemetryUrl: must be an https URL without query or fragment',
    ],
    ['missing name.en', (c) => delete c.name.en, 'name.en が必要です / name.en: required'],
    ['unknown field', (c) => (c.colour = 'red'), 'colour は使えない項目です / colour: unknown field'],
    ['short token', (c) => (c.bridge.token = 'short'), 'bridge.token: 22–128 characters'],
    ['token with a dot', (c) => (c.bridge.token = `${'A'.repeat(22)}.x`), 'bridge.token: 22–128 characters'],
    ['privileged port', (c) => (c.bridge.port = 80), 'bridge.port: must be >= 1024'],
    ['port as string', (c) => (c.bridge.port = '9930'), 'bridge.port: must be of type integer'],
    ['unknown service', (c) => (c.services = ['tax']), 'services.0: must be one of "health", "booking"'],
    ['no services', (c) => (c.services = []), 'services: needs at least 1 item(s)'],
    ['duplicate service', (c) => (c.services = ['health', 'health']), 'services: duplicate items'],
    [
      'idle too short',
      (c) => (c.session.idleTimeoutSeconds = 30),
      'session.idleTimeoutSeconds: must be >= 60',
    ],
    [
      'idle too long',
      (c) => (c.session.idleTimeoutSeconds = 7200),
      'session.idleTimeoutSeconds: must be <= 1800',
    ],
    [
      'warning too short',
      (c) => (c.session.warningLeadSeconds = 10),
      'session.warningLeadSeconds: must be >= 20',
    ],
    [
      'warning eats the idle time',
      (c) => Object.assign(c.session, { idleTimeoutSeconds: 60, warningLeadSeconds: 40 }),
      'at least 30 s shorter than idleTimeoutSeconds',
    ],
    ['colour format', (c) => (c.theme.colors.text = 'black'), 'theme.colors.text: not a #RRGGBB colour'],
    [
      'low contrast',
      (c) => (c.theme.colors.text = '#777777'),
      'theme.colors.text/background: contrast 4.48:1 is below 7:1',
    ],
    ['logo traversal', (c) => (c.theme.logo = '../../etc/passwd.svg'), 'theme.logo の形式が正しくありません'],
    ['logo missing', (c) => (c.theme.logo = 'logos/nope.svg'), 'theme.logo: file not found'],
    ['language', (c) => (c.defaultLanguage = 'fr'), 'defaultLanguage: must be one of "ja", "en"'],
    ['id format', (c) => (c.id = 'Minato CATV'), 'id: lower-case letters'],
    ['not an object', (c) => (c.support = 'call us'), 'support: must be of type object'],
  ];

  it.each(corpus)('%s', (_name, mutate, message) => {
    const problems = problemsOf(mutate);
    expect(problems.join('\n')).toContain(message);
    for (const line of problems) expect(line).toMatch(/[぀-ヿ一-鿿].* \/ [\x20-\x7e]/);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf((c) => {
      c.support.phone = 'x';
      c.defaultLanguage = 'fr';
    });
    expect(problems).toHaveLength(2);
  });

  it('explains a file that is missing or not JSON', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'operator-'));
    expect(() => loadOperator(path.join(dir, 'absent.json'))).toThrow(
      '設定ファイルを読めません（ENOENT） / cannot read the configuration file (ENOENT)',
    );
    writeFileSync(path.join(dir, 'broken.json'), '{ "id": ');
    expect(() => loadOperator(path.join(dir, 'broken.json'))).toThrow(
      'JSON として読めません / not valid JSON',
    );
  });

  it('names the file in the error message', () => {
    expect(() => validateOperator({}, '/etc/x.json')).toThrow(
      '運営者設定が正しくありません / invalid operator configuration: /etc/x.json',
    );
  });
});
