import { parseBenchArgs } from './cli';

describe('parseBenchArgs', () => {
  it('runs every bench on reader 00 01 with 5 runs by default', () => {
    const options = parseBenchArgs([]);
    expect(options.benches).toEqual(['card', 'bridge', 'app', 'login', 'memory', 'platform', 'insertion']);
    expect(options).toMatchObject({
      runs: 5,
      readerName: 'Virtual PCD 00 01',
      vpcdPort: 35964,
      verbose: false,
    });
    expect(options.json).toBeUndefined();
  });

  it('takes the app bench alone', () => {
    expect(parseBenchArgs(['app', '--runs', '2'])).toMatchObject({ benches: ['app'], runs: 2 });
  });

  it('takes the bench name, runs, JSON file, reader and port', () => {
    const options = parseBenchArgs([
      'card',
      '--runs',
      '3',
      '--json',
      'out.json',
      '--reader',
      'R',
      '--vpcd-port',
      '35965',
    ]);
    expect(options).toMatchObject({ benches: ['card'], runs: 3, readerName: 'R', vpcdPort: 35965 });
    expect(options.json).toMatch(/out\.json$/);
  });

  it('takes the bridge bench alone or with the card bench, each once', () => {
    expect(parseBenchArgs(['bridge', '--runs', '2']).benches).toEqual(['bridge']);
    expect(parseBenchArgs(['bridge', 'card', 'bridge']).benches).toEqual(['bridge', 'card']);
  });

  it('takes the login and memory benches and --cycles', () => {
    expect(parseBenchArgs(['login']).benches).toEqual(['login']);
    expect(parseBenchArgs(['memory', '--cycles', '20'])).toMatchObject({ benches: ['memory'], cycles: 20 });
    expect(() => parseBenchArgs(['memory', '--cycles', '0'])).toThrow(/--cycles/);
    expect(() => parseBenchArgs(['--cycles', 'many'])).toThrow(/--cycles/);
  });

  it('takes a box profile by name, and none by default', () => {
    expect(parseBenchArgs(['app', '--profile', 'stb'])).toMatchObject({ benches: ['app'], profile: 'stb' });
    expect(parseBenchArgs([]).profile).toBeUndefined();
    expect(() => parseBenchArgs(['--profile', 'phone'])).toThrow(/--profile: stb .*got "phone"/);
  });

  it('refuses unknown benches and bad numbers, in Japanese and English', () => {
    expect(() => parseBenchArgs(['nope'])).toThrow(/ベンチはありません \/ no such bench: nope/);
    expect(() => parseBenchArgs(['--runs', '0'])).toThrow(/--runs/);
    expect(() => parseBenchArgs(['--vpcd-port', 'x'])).toThrow(/--vpcd-port/);
    expect(() => parseBenchArgs(['--bogus'])).toThrow(/invalid arguments/);
  });
});
