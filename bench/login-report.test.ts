import type { TimelineEntry } from '../src/app/test-hook';
import { renderTable } from './report';
import {
  flowStateName,
  loginRunFromTimeline,
  loginTable,
  medianPhases,
  summariseLogin,
} from './login-report';

const at = (ms: number, kind: TimelineEntry['kind'], value: string): TimelineEntry => ({
  at: ms,
  kind,
  value,
});

/** A login as the test hook stamps it: OK, signing (challenge prefetched), verifying, done. */
const timeline = (offset: number, signMs: number): TimelineEntry[] => [
  at(offset - 500, 'key', 'digit'),
  at(offset, 'key', 'Enter'),
  at(offset + 5, 'flow', '"signing"'),
  at(offset + 5 + signMs, 'flow', '"verifying"'),
  at(offset + 25 + signMs, 'flow', '"signedIn"'),
  at(offset + 34 + signMs, 'session', '{"loggedIn":{"screen":"home"}}'),
  at(offset + 34 + signMs, 'screen', 'home'),
];

describe('loginRunFromTimeline', () => {
  it('times OK → the flow signedIn, with each state as a phase and the home build after it', () => {
    expect(loginRunFromTimeline(timeline(1000, 140))).toEqual({
      totalMs: 165,
      phases: [
        { state: 'OK → first flow change', ms: 5 },
        { state: 'signing', ms: 140 },
        { state: 'verifying', ms: 20 },
      ],
      homeBuiltMs: 9,
    });
  });

  it('falls back to the session loggedIn stamp when the flow’s final state is missing', () => {
    const run = loginRunFromTimeline(timeline(0, 100).filter((e) => e.value !== '"signedIn"'));
    expect(run.totalMs).toBe(134);
    expect(run.homeBuiltMs).toBe(0);
  });

  it('fails clearly without an OK or without logging in', () => {
    expect(() => loginRunFromTimeline(timeline(0, 100).slice(2))).toThrow(/no OK keydown/);
    expect(() => loginRunFromTimeline(timeline(0, 100).slice(0, 4))).toThrow(/never reached loggedIn/);
  });

  it('names nested flow states', () => {
    expect(flowStateName('{"active":"typing"}')).toBe('active.typing');
    expect(flowStateName('"challenging"')).toBe('challenging');
  });
});

describe('summary and table', () => {
  const runs = [timeline(0, 140), timeline(0, 150), timeline(0, 130)].map(loginRunFromTimeline);

  it('takes medians per phase in first-seen order', () => {
    expect(medianPhases(runs).map((p) => [p.state, p.ms])).toEqual([
      ['OK → first flow change', 5],
      ['signing', 140],
      ['verifying', 20],
    ]);
  });

  it('compares with floor = card replay + one platform round trip, goal floor + 30 ms', () => {
    const summary = summariseLogin({ runs, cardFloorMs: [130, 135, 140], platformRoundTripMs: [10, 12, 11] });
    expect(summary).toMatchObject({ oursMs: 165, floorMs: 146, goalMs: 176, met: true });
    const failing = summariseLogin({ runs, cardFloorMs: [100], platformRoundTripMs: [10] });
    expect(failing.met).toBe(false);
    const text = renderTable(loginTable(summary, 3, 'Virtual PCD 00 01'));
    expect(text).toMatch(/OK-press → logged in \(median\) +165 ms +146 ms +1.13×/);
    expect(text).toContain('≤ floor + 30 ms = 176 ms: met');
    expect(text).toContain('signing: VERIFY + SIGN via the bridge');
    expect(text).toContain('Virtual PCD 00 01');
  });
});
