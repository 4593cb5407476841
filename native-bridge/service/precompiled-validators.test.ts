import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { build } from 'esbuild';
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { bridgeSchemas } from '../../stb-spec/protocol/bridge-schemas';
import { PROTOCOL_AJV_OPTIONS } from '../../stb-spec/protocol/validators';
import { CONFIG_AJV_OPTIONS } from './config-validator';
import { precompiledValidators } from './precompiled-validators';
import configSchema from './bridge-config.schema.json';

const REPO = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(REPO, 'deploy', 'bridge.example.json');

interface Precompiled {
  validatorNamed(name: string): ValidateFunction;
  validatorOf(schema: TSchema): ValidateFunction;
  validateConfig: ValidateFunction;
}

/** The swapped modules as the bundle gets them: built through the plugin, then loaded. */
async function buildPrecompiled(dir: string): Promise<Precompiled> {
  const outfile = path.join(dir, 'precompiled.cjs');
  await build({
    stdin: {
      contents: `
        export { validatorNamed, validatorOf } from './stb-spec/protocol/validators';
        export { validateConfig } from './native-bridge/service/config-validator';`,
      resolveDir: REPO,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    plugins: [precompiledValidators()],
    logLevel: 'silent',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(outfile) as Precompiled;
}

const ODD: unknown[] = [undefined, null, 0, -1, 1.5, '', 'x', 'x'.repeat(300), true, {}, [], [1], { a: 1 }];

/** Values around a schema: a valid one where TypeBox can make it, each field dropped or mistyped, oddities. */
function samplesOf(schema: TSchema, valid: unknown[] = []): unknown[] {
  const bases = [...valid];
  try {
    bases.push(Value.Create(schema));
  } catch {
    // A pattern without a default: TypeBox cannot make one; the mutations below still come from `valid`.
  }
  const samples: unknown[] = [...ODD, ...bases];
  for (const base of bases) {
    if (base === null || typeof base !== 'object' || Array.isArray(base)) continue;
    const record = base as Record<string, unknown>;
    samples.push({ ...record, extra: 1 });
    for (const key of Object.keys(record)) {
      const { [key]: _dropped, ...rest } = record;
      samples.push(rest);
      for (const odd of [null, 'x', 7, 1.5, -1, [], {}, 'x'.repeat(300), ['x'], ['*']])
        samples.push({ ...record, [key]: odd });
    }
  }
  return samples;
}

/** What a caller can see of one answer: the verdict and every error as reported. */
function answer(validate: ValidateFunction, value: unknown) {
  const ok = validate(value);
  return { ok, errors: ok ? null : JSON.parse(JSON.stringify(validate.errors)) };
}

describe('validators precompiled for the bridge bundle', () => {
  let dir: string;
  let precompiled: Precompiled;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'precompiled-validators-'));
    precompiled = await buildPrecompiled(dir);
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answer every protocol schema the bridge uses as ajv compiling that schema now does', () => {
    const ajv = new Ajv(PROTOCOL_AJV_OPTIONS);
    const names = bridgeSchemas().map(([name]) => name);
    const accepted = new Set<string>();
    for (const [name, schema] of bridgeSchemas()) {
      const ours = precompiled.validatorNamed(name);
      const reference = ajv.compile(schema);
      for (const value of samplesOf(schema)) {
        const expected = answer(reference, value);
        expect({ name, value, ...answer(ours, value) }).toEqual({ name, value, ...expected });
        if (expected.ok) accepted.add(name);
      }
    }
    // The samples reach past the first check: most schemas also met a value they accept (TypeBox cannot make a string for a pattern).
    expect(accepted.size).toBeGreaterThan(names.length / 2);
  });

  it('refuse a schema that was not precompiled rather than pass it', () => {
    expect(() => precompiled.validatorNamed('getStatus.result')).toThrow(/bridge-schemas/);
    expect(() => precompiled.validatorNamed('constructor')).toThrow(/bridge-schemas/);
    expect(() => precompiled.validatorOf({ type: 'string' } as unknown as TSchema)).toThrow(/bridge-checks/);
  });

  it('answer the configuration file as ajv compiling bridge-config.schema.json now does', () => {
    const reference = new Ajv2020(CONFIG_AJV_OPTIONS).compile(configSchema);
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const samples = samplesOf(configSchema as unknown as TSchema, [
      example,
      { allowedOrigins: ['https://app.example.jp'], backend: 'pcsc', token: 'A'.repeat(22) },
      {
        allowedOrigins: ['https://app.example.jp'],
        backend: 'pcsc',
        tokenFile: '/run/t',
        telemetryIntervalS: 60,
      },
    ]);
    expect(answer(precompiled.validateConfig, example).ok).toBe(true);
    for (const value of samples) {
      expect({ value, ...answer(precompiled.validateConfig, value) }).toEqual({
        value,
        ...answer(reference, value),
      });
    }
  });
});
