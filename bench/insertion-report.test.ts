import { insertionTable, INSERTION_GOAL_MS, type Sighting } from './insertion-report';
import { renderTable, verdictsOf } from './report';

/** Sightings whose app side comes `lags` ms after the raw client's. */
const after = (...lags: number[]): Sighting[] =>
  lags.map((lag, i) => ({ rawAt: i * 1000, appAt: i * 1000 + lag }));

describe('the insertion table', () => {
  it('judges the p95 of the lags (nearest rank: the 19th of 20): met at the goal, missed just past it', () => {
    const atGoal = insertionTable({
      reader: 'Virtual PCD 00 01',
      insertions: after(...Array<number>(18).fill(2), INSERTION_GOAL_MS, INSERTION_GOAL_MS),
      removals: after(1, 1, 1),
    });
    expect(verdictsOf(atGoal).map((figure) => figure.verdict)).toEqual(['met', 'met']);
    const late = insertionTable({
      reader: 'Virtual PCD 00 01',
      insertions: after(...Array<number>(18).fill(2), INSERTION_GOAL_MS + 0.5, INSERTION_GOAL_MS + 0.5),
      removals: after(1, 1, 1),
    });
    expect(verdictsOf(late).map((figure) => figure.verdict)).toEqual(['missed', 'met']);
  });

  it('shows the lags as ours, the median beside them, and keeps every lag for the spread', () => {
    const table = insertionTable({
      reader: 'Virtual PCD 00 01',
      insertions: after(3, 4, 5),
      removals: after(290, 300, 310),
    });
    const [insertion, removal] = verdictsOf(table);
    expect(insertion).toMatchObject({ figure: 'card in → app told (p95 of 3)', goal: '≤ +20 ms' });
    expect(insertion!.spread?.ours).toEqual({ min: 3, max: 5, runs: 3 });
    expect(removal!.verdict).toBe('missed');
    expect(renderTable(table)).toContain('Virtual PCD 00 01');
  });
});
