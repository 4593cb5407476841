/**
 * A User Timing mark at the end of the first frame that draws the first screen with its focus:
 * the launch time (ms from navigation start) of this box, for operators (`performance
 * .getEntriesByName(FIRST_FOCUSED_FRAME)`) and for `npm run bench -- app`, which reads the same
 * mark from the bare Lightning app it compares us with.
 */
export const FIRST_FOCUSED_FRAME = 'madoguchi:first-focused-frame';

interface FrameEvents {
  once(event: 'frameEnd', listener: () => void): void;
}

/** Marks `name` when the stage ends its next frame (the one drawing what was just mounted). */
export function markAfterNextFrame(
  stage: FrameEvents,
  name: string = FIRST_FOCUSED_FRAME,
  timing: Pick<Performance, 'mark'> | undefined = globalThis.performance,
): void {
  stage.once('frameEnd', () => {
    // Old engines without User Timing simply get no mark.
    if (typeof timing?.mark === 'function') timing.mark(name);
  });
}
