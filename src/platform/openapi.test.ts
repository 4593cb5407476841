/**
 * The OpenAPI document is valid (Redocly's recommended rules), the committed generated types are
 * what `npm run platform:types` makes from it now (so they cannot drift), and every error code it
 * declares has a typed SDK error and viewer messages.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundle, createConfig, lint } from '@redocly/openapi-core';
import { errorFromResponse, PlatformError } from './errors';
import { MESSAGES } from './messages';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const DOCUMENT = path.join(ROOT, 'api/platform.openapi.yaml');
const GENERATED = path.join(ROOT, 'src/platform/generated/platform-api.ts');
const bin = (name: string): string => path.join(ROOT, 'node_modules/.bin', name);

async function redoclyConfig() {
  // The simulator's server URL is localhost on purpose; everything else as recommended.
  return createConfig({ extends: ['recommended'], rules: { 'no-server-example.com': 'off' } });
}

it('is a valid OpenAPI 3.1 document', async () => {
  const problems = await lint({ ref: DOCUMENT, config: await redoclyConfig() });
  const described = problems.map(
    (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`,
  );
  expect(described).toEqual([]);
  const { bundle: document } = await bundle({ ref: DOCUMENT, config: await redoclyConfig() });
  expect((document.parsed as { openapi: string }).openapi).toBe('3.1.0');
});

it('matches the committed generated types (run `npm run platform:types` after editing the document)', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'platform-types-'));
  try {
    const raw = path.join(dir, 'platform-api.ts');
    await run(bin('openapi-typescript'), [DOCUMENT, '-o', raw], { cwd: ROOT });
    // Format as the committed file is: prettier with the project's config, as if at its path.
    const formatted = path.join(ROOT, 'src/platform/generated');
    const { stdout } = await run(
      'sh',
      ['-c', `"${bin('prettier')}" --stdin-filepath "${path.join(formatted, 'platform-api.ts')}" < "${raw}"`],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stdout).toBe(await fs.readFile(GENERATED, 'utf8'));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}, 60_000);

it('gives every declared problem code a typed error and messages in both languages', async () => {
  const { bundle: document } = await bundle({ ref: DOCUMENT, config: await redoclyConfig() });
  const parsed = document.parsed as { components: { schemas: { ProblemCode: { enum: string[] } } } };
  const codes = parsed.components.schemas.ProblemCode.enum;
  expect(codes.length).toBeGreaterThan(20);
  for (const code of codes) {
    const error = errorFromResponse(400, { code, status: 400, title: code, type: 'urn:x' });
    expect(error).toBeInstanceOf(PlatformError);
    expect([code, error.code]).toEqual([code, code]);
    expect(MESSAGES[code as keyof typeof MESSAGES]).toBeDefined();
  }
});
