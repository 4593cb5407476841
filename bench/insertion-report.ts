/**
 * The insertion bench's table: how long after a raw pcsclite client watching the same reader the
 * app hears of a card going in (and out). Pure, so the verdict rule is unit-tested.
 */
import { formatMs, goalOf, median, percentile, type Table } from './report';

/** The app is told of a card at most this long after pcsc-lite tells a bare client. */
export const INSERTION_GOAL_MS = 20;

/** One card movement: when the raw client saw it and when the bridge's notification arrived. */
export interface Sighting {
  rawAt: number;
  appAt: number;
}

export interface InsertionResult {
  reader: string;
  insertions: Sighting[];
  removals: Sighting[];
}

const lagsOf = (sightings: readonly Sighting[]) => sightings.map(({ rawAt, appAt }) => appAt - rawAt);

export function insertionTable(result: InsertionResult): Table {
  const rows = (
    [
      ['card in → app told', result.insertions],
      ['card out → app told', result.removals],
    ] as const
  ).map(([figure, sightings]) => {
    const lags = lagsOf(sightings);
    const p95 = percentile(lags, 0.95);
    return {
      figure: `${figure} (p95 of ${lags.length})`,
      ours: `+${formatMs(p95)}`,
      floor: `raw client, median +${formatMs(median(lags))}`,
      goal: goalOf(`≤ +${INSERTION_GOAL_MS} ms`, p95 <= INSERTION_GOAL_MS),
      samples: { ours: lags },
    };
  });
  return {
    title: `Card events: the app's notification after a raw pcsclite client's (reader "${result.reader}")`,
    floorHeader: 'floor',
    rows,
    notes: [
      'The floor is a bare pcsclite client in the bench process watching the same reader; "ours" is the',
      "bridge's statusChanged notification reaching a client registered as the app registers, in the same",
      'process and on the same clock. A card going in counts when it is first said (checking or classified).',
    ],
  };
}
