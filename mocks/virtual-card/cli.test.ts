import path from 'node:path';
import { UsageError } from '../../native-bridge/src/bridge/command-line';
import { parseCliArgs } from './cli';

const PINS = ['--auth-pin', '1234', '--sign-pin', 'ABC123'];

test('defaults: vpcd 127.0.0.1:35963, normal scenario, holder 0, PKI under .tmp/test-pki', () => {
  const options = parseCliArgs(PINS);
  expect(options).toMatchObject({
    host: '127.0.0.1',
    port: 35963,
    holderIndex: 0,
    sfiReads: true,
    getResponse: false,
  });
  expect(options.scenario.spec).toBe('normal');
  expect(options.pkiDir).toBe(path.resolve(__dirname, '..', '..', '.tmp', 'test-pki'));
  expect(options.stateFile).toBeUndefined();
});

test('all options', () => {
  const options = parseCliArgs([
    ...PINS,
    '--vpcd',
    'localhost:35964',
    '--state',
    'card.json',
    '--scenario',
    'last-try,removal-after-7',
    '--holder',
    '3',
    '--get-response',
    '--no-sfi',
    '--short-read',
    '6C',
  ]);
  expect(options).toMatchObject({
    host: 'localhost',
    port: 35964,
    holderIndex: 3,
    getResponse: true,
    sfiReads: false,
  });
  expect(options.shortRead).toBe('wrong-le');
  expect(options.scenario).toMatchObject({ authTriesLeft: 1, removeAfterApdus: 7 });
  expect(options.stateFile).toBe(path.resolve('card.json'));
});

test.each([
  [['--sign-pin', 'ABC123'], /4 digits/],
  [['--auth-pin', '12345', '--sign-pin', 'ABC123'], /暗証番号は数字4桁.*4 digits/],
  [['--auth-pin', '1234', '--sign-pin', 'abc123'], /A–Z and 0–9/],
  [['--auth-pin', '1234', '--sign-pin', 'ABC12'], /6–16/],
  [[...PINS, '--scenario', 'lost'], /unknown scenario "lost".*not-my-number-card/],
  [[...PINS, '--vpcd', '35963'], /HOST:PORT/],
  [[...PINS, '--vpcd', 'host:70000'], /HOST:PORT/],
  [[...PINS, '--holder', '9'], /0–5/],
  [[...PINS, '--short-read', '6A'], /6282 or 6C/],
  [[...PINS, '--pin', '1234'], /invalid arguments/],
])('rejects %j', (argv, message) => {
  expect(() => parseCliArgs(argv)).toThrow(UsageError);
  expect(() => parseCliArgs(argv)).toThrow(message);
});

test('messages never contain the PIN that was given', () => {
  for (const argv of [
    ['--auth-pin', '98765', '--sign-pin', 'ABC123'],
    ['--auth-pin', '9876', '--sign-pin', 'secretpw'],
  ]) {
    const error = (() => {
      try {
        parseCliArgs(argv);
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a UsageError');
    })();
    expect(error.message).not.toMatch(/98765|secretpw/);
  }
});
