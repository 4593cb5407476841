import { descendantsNamed, parsePssKb, parseStat, parseVmRssKb } from './proc-memory';

describe('/proc parsers', () => {
  it('reads Pss from smaps_rollup and VmRSS from status', () => {
    const rollup =
      '55d0-7ffe ---p 00000000 00:00 0  [rollup]\nRss:  231000 kB\nPss:  228512 kB\nPss_Anon: 1 kB\n';
    expect(parsePssKb(rollup)).toBe(228512);
    expect(parseVmRssKb('Name:\tnode\nVmHWM:\t 1 kB\nVmRSS:\t   95120 kB\n')).toBe(95120);
    expect(() => parsePssKb('Rss: 1 kB')).toThrow(/Pss/);
  });

  it('reads comm and parent pid from stat, comm with spaces and parentheses', () => {
    expect(parseStat('4242 (WPEWebProcess) S 4200 4242 1 0')).toEqual({ comm: 'WPEWebProcess', ppid: 4200 });
    expect(parseStat('7 (a (b) c) R 1 7 7')).toEqual({ comm: 'a (b) c', ppid: 1 });
  });
});

describe('descendantsNamed', () => {
  it('finds the web process below our driver only, whatever order /proc lists them in', () => {
    const processes = [
      { pid: 30, ppid: 20, comm: 'WPEWebProcess' }, // ours, listed before its parent
      { pid: 10, ppid: 1, comm: 'WPEWebDriver' },
      { pid: 20, ppid: 10, comm: 'cog' },
      { pid: 31, ppid: 20, comm: 'WPENetworkProce' },
      { pid: 50, ppid: 40, comm: 'WPEWebProcess' }, // someone else's WPE
      { pid: 40, ppid: 1, comm: 'cog' },
    ];
    expect(descendantsNamed(processes, 10, 'WPEWebProcess')).toEqual([30]);
    expect(descendantsNamed(processes, 99, 'WPEWebProcess')).toEqual([]);
  });
});
