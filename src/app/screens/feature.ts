/**
 * What a feature declares to the shell in its index.ts. Its screen ids are declared there once and
 * imported by its views, the shell and the tools (e2e journeys, gallery): an id spelled twice drifts.
 * A feature shown before or at login binds its screens in the initial bundle (its screens.ts, through
 * registry.ts); one needed only later names a chunk loaded on demand (families.ts).
 */
import type { AnyStateMachine } from 'xstate';
import type { Translations } from '../i18n/strings';
import type { ScreenView } from '../view/app-view';
import type { ScreenClass } from './Screen';

/** A flow's view: its machine's snapshot → the screen (the session hands it the flow's snapshot). */
export type FlowView = (snapshot: never) => ScreenView;

/** A chunk loaded on demand: its screens by id, its strings, its flow's machine and view. */
export interface FamilyModule {
  screens: Record<string, ScreenClass>;
  translations: Translations;
  /** The flow's pure definition; the runtime provides its actors (session/adapters.ts). */
  machine: AnyStateMachine;
  view: FlowView;
}

/**
 * A chunk's family: `translations`, its screen classes by screen id, its flow's machine and view. The
 * classes are taken as the shell holds every screen (Screen<never>): their props are checked where
 * the views make them.
 */
export const familyOf = (
  translations: Translations,
  screens: Record<string, abstract new (...args: never[]) => object>,
  flow: { machine: AnyStateMachine; view: FlowView },
): FamilyModule => ({ screens: screens as Record<string, ScreenClass>, translations, ...flow });

export interface LazyFeature {
  /** The screen ids its chunk binds (families.test.ts checks they agree). */
  screens: readonly string[];
  load: () => Promise<FamilyModule>;
}

/** A feature loaded on demand: its table of screen ids and how to load its chunk. */
export const lazyFeature = (
  screenIds: Readonly<Record<string, string>>,
  load: () => Promise<FamilyModule>,
): LazyFeature => ({ screens: Object.values(screenIds), load });
