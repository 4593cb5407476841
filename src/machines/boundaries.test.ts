/**
 * What the machines (the runtime here and each feature's machine folder) may not touch: views, Lightning, the network, the WebSocket, Storage. The card
 * and the platform reach them only through injected actors. Also: every message exists in both
 * languages, and the coverage helper really reports what a test left out.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createActor, setup } from 'xstate';
import { toFlowError } from './errors';
import { FLOW_MESSAGES, formatMessage } from './messages';
import { secret } from './secret';
import { MachineCoverage } from './testing/coverage';
import { cardErrors, platformErrors } from './testing/fixtures';

const root = join(__dirname, '..');
/** The flow runtime (here) and every feature's machine folder (src/features/<feature>/machine). */
const machineDirectories = [
  __dirname,
  ...readdirSync(join(root, 'features'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, 'features', entry.name, 'machine'))
    .filter((path) => existsSync(path)),
];
const machineSources = (directory: string): string[] =>
  readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : machineSources(path);
    // Test code (as tsconfig.app.json leaves it out) is not the machine's.
    const isTest = /\.test(-model)?\.ts$|^test-support\.ts$/.test(entry.name);
    return /\.ts$/.test(entry.name) && !isTest ? [path] : [];
  });
const sources = machineDirectories.flatMap(machineSources);
/** What a machine may import from outside its folder: the runtime, the platform's types and errors, another feature's machine. */
const ALLOWED_OUTSIDE =
  /^(\.\.\/)+(machines\/(errors|messages|ports|secret|entry|feature-flow|phone-send)|platform\/(types|errors|messages|resources\/(bookings|pairing))|features\/[a-z-]+\/machine\/[a-z.-]+|[a-z-]+\/machine\/[a-z.-]+)$/;

describe('boundaries', () => {
  test('finds the machine sources', () => {
    expect(
      sources.map((path) => path.slice(root.length + 1)).filter((p) => p.endsWith('.machine.ts')),
    ).toEqual(
      expect.arrayContaining([
        'features/booking/machine/booking.machine.ts',
        'features/health/machine/health.machine.ts',
        'features/login/machine/login.machine.ts',
        'features/registration/machine/registration.machine.ts',
        'features/session/machine/session.machine.ts',
      ]),
    );
  });

  test.each(sources.map((path) => [path.slice(root.length + 1), path]))(
    '%s imports no view, Lightning, card client, network or Storage',
    (_, path) => {
      const code = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const imports = [...code.matchAll(/from '([^']+)'/g)].map((match) => match[1]!);
      for (const spec of imports) {
        expect(spec).not.toMatch(/lightning|\/views?\/|\/screens?\/|^(\.\.\/)+card(\/|$)|^ws$|node:/i);
        if (spec.startsWith('../')) expect(spec).toMatch(ALLOWED_OUTSIDE);
      }
      expect(code).not.toMatch(
        /\bfetch\s*\(|\bWebSocket\b|localStorage|sessionStorage|indexedDB|document\.cookie/,
      );
    },
  );
});

describe('messages', () => {
  test.each(Object.entries(FLOW_MESSAGES))('%s has Japanese and English', (_, message) => {
    expect(message.ja.trim().length).toBeGreaterThan(3);
    expect(message.en.trim().length).toBeGreaterThan(3);
  });

  test('placeholders are filled', () => {
    expect(formatMessage('pinIncorrect', 'ja', { triesLeft: 2 })).toBe(
      '暗証番号が違います。入力できるのは、あと2回です。',
    );
    expect(formatMessage('pinIncorrect', 'en', {})).toContain('{triesLeft}');
  });

  test('every card and platform error maps to a kind and a message', () => {
    for (const make of [...Object.values(cardErrors), ...Object.values(platformErrors)]) {
      const error = toFlowError((make as (n?: number) => unknown)(1));
      expect(error.kind).not.toBe('unexpected');
      expect(formatMessage(error.messageKey, 'ja').length).toBeGreaterThan(5);
    }
    expect(toFlowError('boom')).toEqual({ kind: 'unexpected', messageKey: 'unexpected' });
  });
});

describe('secrets and coverage helpers', () => {
  test('a secret never serialises', () => {
    const pin = secret('9753');
    expect(JSON.stringify({ pin })).toBe('{"pin":"[secret]"}');
    expect(`${pin}`).toBe('[secret]');
    expect(pin.reveal()).toBe('9753');
  });

  test('the coverage report names what was not visited', () => {
    const machine = setup({}).createMachine({
      id: 'toy',
      initial: 'a',
      states: { a: { on: { GO: 'b', SKIP: 'c' } }, b: {}, c: {} },
    });
    const coverage = new MachineCoverage('toy', machine);
    const actor = createActor(machine, { inspect: coverage.inspect }).start();
    actor.send({ type: 'GO' });
    const report = coverage.report();
    expect(report.states).toEqual({ total: 4, visited: 3, missing: ['toy.c'] });
    expect(report.transitions.missing).toEqual(['toy.a SKIP#0 → toy.c']);
  });
});
