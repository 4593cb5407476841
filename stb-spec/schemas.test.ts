/**
 * Keeps the STB spec's machine-readable parts honest: the committed JSON Schemas must equal a fresh
 * export from the TypeBox protocol, every schema must compile as JSON Schema 2020-12, every JSON
 * example in spec.md must validate against the schemas it is marked with, requirement IDs must be
 * unique and resolvable, and key-map.json must agree with its schema and with the spec's key table.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { BridgeErrorCode, ErrorData, JsonRpcErrorCode, METHOD_NAMES, qualifiedName } from './protocol';
import {
  SCHEMAS_DIR,
  SCHEMA_ID_BASE,
  SCHEMA_SUFFIX,
  buildSchemas,
  committedSchemaFiles,
  schemaName,
} from './scripts/export-schemas';

const SPEC_PATH = path.join(__dirname, 'spec.md');
const SPEC = readFileSync(SPEC_PATH, 'utf8');
const generated = buildSchemas();
const ERROR_CODES: Record<string, number> = { ...BridgeErrorCode, ...JsonRpcErrorCode };

function newAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/** One AJV with every generated schema, looked up by name (`sign.params`, `error-data/BUSY`). */
const ajv = newAjv();
for (const schema of generated.values()) ajv.addSchema(schema);
function validatorFor(name: string) {
  const validate = ajv.getSchema(SCHEMA_ID_BASE + name + SCHEMA_SUFFIX);
  if (!validate) throw new Error(`no schema named "${name}" (files: ${[...generated.keys()].join(', ')})`);
  return validate;
}

function problemsOf(name: string, value: unknown): string[] {
  const validate = validatorFor(name);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (e) => `${name}: ${e.instancePath || '(root)'} ${e.message ?? 'invalid'}`,
  );
}

describe('committed schemas (stb-spec/schemas/)', () => {
  test('every generated schema is committed and equals a fresh export', () => {
    const committed = new Set(committedSchemaFiles());
    const stale: string[] = [];
    for (const [file, schema] of generated) {
      if (!committed.has(file)) {
        stale.push(`missing: ${file}`);
        continue;
      }
      const onDisk: unknown = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8'));
      if (JSON.stringify(onDisk) !== JSON.stringify(schema)) stale.push(`stale: ${file}`);
    }
    // Fix with: npx tsx stb-spec/scripts/export-schemas.ts
    expect(stale).toEqual([]);
  });

  test('no committed schema file is left over from an older export', () => {
    expect(committedSchemaFiles().filter((file) => !generated.has(file))).toEqual([]);
  });

  test('the export covers every method, the envelopes, the notification and every error data', () => {
    const names = [...generated.keys()].map(schemaName);
    for (const method of METHOD_NAMES)
      expect(names).toEqual(expect.arrayContaining([`${method}.params`, `${method}.result`]));
    expect(names).toEqual(
      expect.arrayContaining(['request', 'response', 'error-response', 'notification.status-changed']),
    );
    for (const name of Object.keys(ErrorData)) expect(names).toContain(`error-data/${name}`);
  });
});

describe('every schema is JSON Schema 2020-12 and compiles (ajv strict)', () => {
  test.each([...generated.keys()])('%s', (file) => {
    const schema = generated.get(file)!;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(SCHEMA_ID_BASE + file);
    const fresh = newAjv();
    expect(fresh.validateSchema(schema)).toBe(true);
    expect(() => fresh.compile(schema)).not.toThrow();
  });
});

interface Example {
  line: number;
  tokens: string[];
  value: unknown;
}

/** ```json blocks of spec.md, each with the `<!-- example: … -->` marker on the line before it. */
function extractExamples(markdown: string): { examples: Example[]; unmarked: number[] } {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  const unmarked: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```json') continue;
    const end = lines.findIndex((line, j) => j > i && line.trim() === '```');
    if (end < 0) throw new Error(`spec.md:${i + 1}: unterminated json block`);
    const marker = /^<!-- example: (.+?) -->$/.exec(lines[i - 1]?.trim() ?? '');
    if (!marker) unmarked.push(i + 1);
    else
      examples.push({
        line: i + 1,
        tokens: marker[1]!.trim().split(/\s+/),
        value: JSON.parse(lines.slice(i + 1, end).join('\n')) as unknown,
      });
    i = end;
  }
  return { examples, unmarked };
}

/** RFC 6901 JSON pointer ("#/params"); undefined when nothing is there. */
function resolvePointer(value: unknown, pointer: string): unknown {
  const parts = pointer.replace(/^#/, '').split('/').slice(1);
  let current: unknown = value;
  for (const raw of parts) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** What is wrong with one example: schema violations and mismatches between method, code and data. */
function checkExample({ tokens, value }: Example): string[] {
  const problems: string[] = [];
  for (const token of tokens) {
    const error = /^error=([A-Z_]+)$/.exec(token);
    if (error) {
      const name = error[1]!;
      const code = ERROR_CODES[name];
      if (code === undefined) {
        problems.push(`unknown error name ${name}`);
        continue;
      }
      if (resolvePointer(value, '#/error/code') !== code)
        problems.push(`error.code is not ${code} (${name})`);
      const data = resolvePointer(value, '#/error/data');
      if (ErrorData[name as keyof typeof ErrorData]) problems.push(...problemsOf(`error-data/${name}`, data));
      else if (data !== undefined) problems.push(`${name} carries no data`);
      continue;
    }
    const [name, pointer] = token.split('#') as [string, string | undefined];
    const target = pointer === undefined ? value : resolvePointer(value, `#${pointer}`);
    if (target === undefined) {
      problems.push(`${token}: nothing at #${pointer}`);
      continue;
    }
    problems.push(...problemsOf(name, target));
    const method = /^([A-Za-z]+)\.params$/.exec(name)?.[1];
    if (method && pointer === '/params') {
      const qualified = qualifiedName(method as (typeof METHOD_NAMES)[number]);
      if (resolvePointer(value, '#/method') !== qualified) problems.push(`method is not ${qualified}`);
    }
  }
  return problems;
}

describe('spec.md JSON examples', () => {
  const { examples, unmarked } = extractExamples(SPEC);

  test('every ```json block is marked with the schemas it exemplifies', () => {
    expect(unmarked).toEqual([]);
    expect(examples.length).toBeGreaterThan(10);
  });

  test.each(examples.map((example) => [example.line, example.tokens.join(' '), example] as const))(
    'spec.md:%d validates against %s',
    (_line, _tokens, example) => {
      expect(checkExample(example)).toEqual([]);
    },
  );

  test('a stale example is caught (the check itself works)', () => {
    const bad: Example = {
      line: 0,
      tokens: ['request', 'sign.params#/params'],
      value: { jsonrpc: '2.0', id: 1, method: 'MyNumberCard.1.sign', params: { key: 'auth', pin: '1234' } },
    };
    expect(checkExample(bad).length).toBeGreaterThan(0);
    const wrongCode: Example = {
      line: 0,
      tokens: ['error-response', 'error=BUSY'],
      value: { jsonrpc: '2.0', id: 1, error: { code: -32020, message: 'x', data: { reason: 'operation' } } },
    };
    expect(checkExample(wrongCode)).toEqual(['error.code is not -32021 (BUSY)']);
  });

  test('every method params and result, the notification and every error data have an example', () => {
    const used = new Set(examples.flatMap((e) => e.tokens.map((t) => t.split('#')[0]!)));
    const wanted = [
      ...METHOD_NAMES.flatMap((m) => [`${m}.params`, `${m}.result`]),
      'notification.status-changed',
      ...Object.keys(ErrorData).map((name) => `error=${name}`),
    ];
    expect(wanted.filter((name) => !used.has(name))).toEqual([]);
  });

  test('the method and error tables name every method and every bridge error', () => {
    for (const method of METHOD_NAMES) expect(SPEC).toContain(`| \`${qualifiedName(method)}\` |`);
    for (const [name, code] of Object.entries(BridgeErrorCode))
      expect(SPEC).toContain(`| ${code} | \`${name}\` |`);
  });
});

describe('requirement IDs', () => {
  const defined = [...SPEC.matchAll(/\*\*(BR-[A-Z]+-\d+)\*\*/g)].map((m) => m[1]!);
  const referenced = new Set([...SPEC.matchAll(/\bBR-[A-Z]+-\d+\b/g)].map((m) => m[0]));

  test('are defined once each', () => {
    expect(defined.length).toBeGreaterThan(50);
    expect(defined.filter((id, index) => defined.indexOf(id) !== index)).toEqual([]);
  });

  test('every reference names a defined requirement', () => {
    expect([...referenced].filter((id) => !defined.includes(id))).toEqual([]);
  });

  test('every area in use is listed in the area table of section 2.2', () => {
    const listed = new Set([...SPEC.matchAll(/^\| `([A-Z]+)` \| \[§/gm)].map((m) => m[1]!));
    const used = new Set(defined.map((id) => id.split('-')[1]!));
    expect([...used].filter((area) => !listed.has(area))).toEqual([]);
    expect([...listed].filter((area) => !used.has(area))).toEqual([]);
  });
});

interface KeyEntry {
  name: string;
  required: boolean;
  events: { key: string; keyCode: number }[];
}

describe('key-map.json', () => {
  const keyMap = JSON.parse(readFileSync(path.join(__dirname, 'key-map.json'), 'utf8')) as {
    keys: KeyEntry[];
  };
  const keySchema = JSON.parse(readFileSync(path.join(__dirname, 'key-map.schema.json'), 'utf8')) as object;

  test('matches key-map.schema.json', () => {
    const validate = newAjv().compile(keySchema);
    expect(validate(keyMap) ? [] : validate.errors).toEqual([]);
  });

  test('names the keys the spec requires, each once, with no (key, keyCode) pair shared', () => {
    const names = keyMap.keys.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    const required = ['up', 'down', 'left', 'right', 'ok', 'back', 'red', 'green', 'yellow', 'blue'];
    for (let digit = 0; digit <= 9; digit++) required.push(`digit${digit}`);
    expect(
      keyMap.keys
        .filter((k) => k.required)
        .map((k) => k.name)
        .sort(),
    ).toEqual(required.sort());
    expect(names).toContain('dButton');
    const pairs = keyMap.keys.flatMap((k) => k.events.map((e) => `${e.key}/${e.keyCode}`));
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  test('agrees with the key table of spec.md section 12', () => {
    for (const entry of keyMap.keys) {
      const row = SPEC.split('\n').find((line) => line.startsWith(`| \`${entry.name}\` |`));
      expect({ name: entry.name, row: row !== undefined }).toEqual({ name: entry.name, row: true });
      const cells = row!.split('|').map((cell) => cell.trim());
      const [, , , keyCell, codeCell, requiredCell] = cells;
      for (const event of entry.events) {
        expect(keyCell).toContain(`\`${event.key}\``);
        expect(codeCell!.split(/,\s*(?:or\s+)?/).map((c) => c.replace(/^or\s+/, ''))).toContain(
          String(event.keyCode),
        );
      }
      expect(requiredCell!.startsWith(entry.required ? 'yes' : 'no')).toBe(true);
    }
  });
});
