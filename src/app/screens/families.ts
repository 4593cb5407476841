/**
 * The screen families loaded on demand: code only needed after login (health, booking, inbox) or for an
 * unregistered card (registration: customer number, signing password) is in
 * chunks of its own (dynamic import(), scripts/build-app.js), fetched when the shell first needs
 * one of its screens or its flow, and in the background right after the first frame, so a viewer
 * normally never waits. A family brings its screens and its translation area.
 */
import { bookingFeature } from '../../features/booking';
import { companionFeature } from '../../features/companion';
import { healthFeature } from '../../features/health';
import { inboxFeature } from '../../features/inbox';
import { movingFeature } from '../../features/moving';
import { registrationFeature } from '../../features/registration';
import type { AnyStateMachine } from 'xstate';
import { addTranslations } from '../i18n/i18n';
import type { FamilyModule, FlowView, LazyFeature } from './feature';
// Here too, so that module itself joins the big shared chunk rather than a chunk of its own.
import './family-shared';
import type { ActorTarget, ScreenClass } from './Screen';

export type LazyFamily = 'registration' | 'health' | 'booking' | 'inbox' | 'moving' | 'companion';

/** The features loaded on demand, as their index.ts declares them. */
const LAZY: Readonly<Record<LazyFamily, LazyFeature>> = {
  registration: registrationFeature,
  health: healthFeature,
  booking: bookingFeature,
  inbox: inboxFeature,
  moving: movingFeature,
  companion: companionFeature,
};

/** The screens each family registers (its module's keys: families.test.ts checks they agree). */
export const LAZY_SCREENS: Readonly<Record<LazyFamily, readonly string[]>> = {
  registration: LAZY.registration.screens,
  health: LAZY.health.screens,
  booking: LAZY.booking.screens,
  inbox: LAZY.inbox.screens,
  moving: LAZY.moving.screens,
  companion: LAZY.companion.screens,
};

const FAMILIES = Object.keys(LAZY) as LazyFamily[];
const loaded = new Map<LazyFamily, FamilyModule>();
const loading = new Map<LazyFamily, Promise<void>>();

/**
 * The family a view needs loaded before it can show: the one owning its screen, or its flow's (a
 * booking 'status' screen shows booking strings, registration's PIN entry its title). Undefined
 * for the initial bundle's own.
 */
export function familyFor(screen: string, target: ActorTarget): LazyFamily | undefined {
  const owner = FAMILIES.find((family) => LAZY_SCREENS[family].includes(screen));
  if (owner) return owner;
  return FAMILIES.find((family) => family === target);
}

export const isLoaded = (family: LazyFamily): boolean => loaded.has(family);

/** A loaded family's screen class (undefined before its chunk arrived). */
export const lazyScreen = (family: LazyFamily, screen: string): ScreenClass | undefined =>
  loaded.get(family)?.screens[screen];

/** A loaded family's flow view (undefined before its chunk arrived). */
export const lazyView = (family: LazyFamily): FlowView | undefined => loaded.get(family)?.view;

/** How many families are loaded: a view derived before one arrived may be derived again. */
export const loadedCount = (): number => loaded.size;

/** A loaded family's flow machine (undefined before its chunk arrived). */
export const lazyMachine = (family: LazyFamily): AnyStateMachine | undefined => loaded.get(family)?.machine;

const waiting = new Map<LazyFamily, Array<() => void>>();

/**
 * Resolves once the family is loaded: at once if it is, else after the load started here or the
 * next one that succeeds (a failed load is tried again by the shell's retry or the next need).
 */
export function whenLoaded(family: LazyFamily): Promise<void> {
  if (loaded.has(family)) return Promise.resolve();
  const done = new Promise<void>((resolve) => waiting.set(family, [...(waiting.get(family) ?? []), resolve]));
  loadFamily(family).catch(() => undefined);
  return done;
}

/** Loads a family once; a failed load is forgotten so the next call tries again. */
export function loadFamily(family: LazyFamily): Promise<void> {
  const existing = loading.get(family);
  if (existing) return existing;
  const pending = LAZY[family].load().then(
    (module) => {
      addTranslations(module.translations);
      loaded.set(family, module);
      for (const resolve of waiting.get(family) ?? []) resolve();
      waiting.delete(family);
    },
    (error: unknown) => {
      loading.delete(family);
      throw error;
    },
  );
  loading.set(family, pending);
  return pending;
}

/** Fetches every family in the background (after the first frame); a failure waits for a retry. */
export function preloadFamilies(): void {
  for (const family of FAMILIES) loadFamily(family).catch(() => undefined);
}
