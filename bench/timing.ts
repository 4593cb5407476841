/**
 * Paired timing: one call of ours and one of the floor per iteration, the order swapped every
 * iteration, so drift (CPU frequency, a neighbour's load, GC debt) falls on both sides alike instead
 * of on whichever block happened to run second.
 */

/** One iteration's two calls on the same input, and the check of both results (not timed). */
export interface TimedPair<O, F> {
  ours: () => Promise<O>;
  floor: () => Promise<F>;
  check: (ours: O, floor: F) => void;
}

export interface PairedSamples {
  /** Milliseconds per call, in iteration order. */
  ours: number[];
  floor: number[];
}

/**
 * Runs `count` iterations of `next()`'s pair (even iterations ours first, odd ones floor first);
 * each result is checked after both calls, outside the timed span. A check that throws stops the run.
 * `pace` is awaited before each iteration, untimed (a client keeping within the bridge's limits).
 */
export async function timePaired<O, F>(
  next: () => TimedPair<O, F>,
  count: number,
  clock: () => number = () => performance.now(),
  pace: () => Promise<void> = async () => undefined,
): Promise<PairedSamples> {
  const samples: PairedSamples = { ours: [], floor: [] };
  for (let index = 0; index < count; index++) {
    await pace();
    const pair = next();
    let oursResult: O;
    let floorResult: F;
    if (index % 2 === 0) {
      oursResult = await timed(pair.ours, samples.ours, clock);
      floorResult = await timed(pair.floor, samples.floor, clock);
    } else {
      floorResult = await timed(pair.floor, samples.floor, clock);
      oursResult = await timed(pair.ours, samples.ours, clock);
    }
    pair.check(oursResult, floorResult);
  }
  return samples;
}

async function timed<T>(call: () => Promise<T>, into: number[], clock: () => number): Promise<T> {
  const started = clock();
  const result = await call();
  into.push(clock() - started);
  return result;
}
