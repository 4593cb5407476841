/**
 * Gallery entries taken from a real feature machine: each entry's events drive the machine (its
 * platform calls faked) and the picture is the feature's view of where it stands, so it shows a
 * state the viewer can reach.
 */
import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import type { ScreenView } from '../../src/app/view/app-view';
import { dispatch, startWithFakes, type ModelSpec } from '../../src/machines/testing/model';
import type { GalleryEntry } from './gallery-common';

export type GalleryEvent = { type: string; [key: string]: unknown };

/** One entry: its name, the events that reach its state, and its language (ja unless said). */
export type GalleryStep = [name: string, events: GalleryEvent[], language?: 'ja' | 'en'];

/** Runs `spec`'s machine through each step's events and takes `view` of where it stands. */
export async function machineGallery<M extends AnyStateMachine>(
  spec: ModelSpec<M>,
  view: (snapshot: SnapshotFrom<M>) => ScreenView,
  steps: GalleryStep[],
): Promise<GalleryEntry[]> {
  const entries: GalleryEntry[] = [];
  for (const [name, events, language] of steps) {
    const run = startWithFakes(spec);
    for (const event of events) await dispatch(run as never, event);
    entries.push({ name, view: { main: view(run.actor.getSnapshot()) }, ...(language ? { language } : {}) });
    run.actor.stop();
  }
  return entries;
}
