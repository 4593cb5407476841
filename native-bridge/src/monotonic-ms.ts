/**
 * Milliseconds on a monotonic clock, for durations only. Not `performance.now()`: Node loads its
 * whole performance timeline on first use of that global, about 0.7 MB of the box's memory for the
 * life of the process, where this reads the same clock directly.
 */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;
