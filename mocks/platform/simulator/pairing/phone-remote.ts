/**
 * The paired phone's touch remote: the phone page's presses (↑ ↓ ← → 決定 戻る) and text, queued
 * per pairing until the TV's next poll takes them. The TV says at each poll what its screen takes
 * (`entry`); while that is a PIN or password screen every press is refused and whatever waits is
 * dropped — the TV refuses phone input there too, this is the second line. In memory only, and
 * a press the TV has not taken within 10 s is dropped: it is worth a second or two, never a restart.
 */
import type { RemoteEntry, RemoteInput, RemoteKey } from '../../../../src/platform/types';
import { invalid, ProblemError } from '../problem';
import type { Pairing } from './pairings';

/** Inputs that may wait for the TV; beyond, the phone is told to slow down (429). */
const REMOTE_QUEUE_MAX = 20;
/** Characters of one text (413 beyond), before it is filtered to what the TV's entry takes. */
export const REMOTE_TEXT_MAX = 100;
const REMOTE_KEYS: readonly RemoteKey[] = ['up', 'down', 'left', 'right', 'ok', 'back'];
const ENTRIES: readonly RemoteEntry[] = ['none', 'digits', 'secret'];

/** What became of a press: queued (text as it will be typed, and whether some did not fit) or why not. */
export type RemoteOutcome =
  | { kind: 'sent'; key: RemoteKey }
  | { kind: 'typed'; text: string; dropped: boolean }
  | { kind: 'secret' }
  | { kind: 'tvAway' }
  | { kind: 'noEntry' }
  | { kind: 'nothingFitted' };

/** A press older than this when the TV polls is dropped: a late arrow would surprise the viewer. */
const REMOTE_INPUT_TTL_MS = 10_000;
/**
 * The TV polls every 0.7 s while it shows the app; with no poll for this long a press would wait
 * for nobody, so the phone is told at once that the TV is not taking them (switched off, another
 * app, no network) rather than being told later to slow down.
 */
const TV_AWAY_MS = 5_000;

interface Queue {
  inputs: Array<{ input: RemoteInput; at: number }>;
  /** What the TV said at its last poll (none before it polled). */
  entry: RemoteEntry;
  /** When the TV last polled (ms), undefined before its first poll. */
  polledAt?: number;
}

/** The part of `text` a digits-only entry takes: full-width digits as ASCII, everything else out. */
const digitsOf = (text: string): string => text.normalize('NFKC').replace(/[^0-9]/g, '');

export class PhoneRemote {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly now: () => Date) {}

  private queue(pairing: Pairing): Queue {
    let queue = this.queues.get(pairing.id);
    if (!queue) {
      queue = { inputs: [], entry: 'none' };
      this.queues.set(pairing.id, queue);
    }
    return queue;
  }

  private tvAway(queue: Queue): boolean {
    return queue.polledAt === undefined || this.now().getTime() - queue.polledAt > TV_AWAY_MS;
  }

  private push(queue: Queue, input: RemoteInput): void {
    // What the TV could no longer take does not count against what may wait.
    const since = this.now().getTime() - REMOTE_INPUT_TTL_MS;
    queue.inputs = queue.inputs.filter(({ at }) => at >= since);
    if (queue.inputs.length >= REMOTE_QUEUE_MAX) {
      throw new ProblemError(
        429,
        'RATE_LIMITED',
        'the TV has not taken the presses before',
        {},
        {
          retryAfterSeconds: 2,
        },
      );
    }
    queue.inputs.push({ input, at: this.now().getTime() });
  }

  /** One key from the phone page. */
  press(pairing: Pairing, key: string): RemoteOutcome {
    const queue = this.queue(pairing);
    if (!REMOTE_KEYS.includes(key as RemoteKey)) throw invalid('key', `one of ${REMOTE_KEYS.join(' ')}`);
    if (this.tvAway(queue)) return { kind: 'tvAway' };
    if (queue.entry === 'secret') return { kind: 'secret' };
    this.push(queue, { kind: 'key', key: key as RemoteKey });
    return { kind: 'sent', key: key as RemoteKey };
  }

  /** Text from the phone page, filtered to what the TV's entry takes (413 over the length). */
  type(pairing: Pairing, raw: string): RemoteOutcome {
    const queue = this.queue(pairing);
    const text = raw.normalize('NFC').trim();
    if ([...text].length > REMOTE_TEXT_MAX) {
      throw new ProblemError(413, 'VALIDATION_FAILED', `text is over ${REMOTE_TEXT_MAX} characters`);
    }
    if (this.tvAway(queue)) return { kind: 'tvAway' };
    if (queue.entry === 'secret') return { kind: 'secret' };
    if (queue.entry === 'none') return { kind: 'noEntry' };
    const fitted = digitsOf(text);
    if (fitted === '') return { kind: 'nothingFitted' };
    this.push(queue, { kind: 'text', text: fitted });
    return { kind: 'typed', text: fitted, dropped: fitted !== text };
  }

  /** What the TV said its screen takes at its last poll. */
  entryOf(pairing: Pairing): RemoteEntry {
    return this.queues.get(pairing.id)?.entry ?? 'none';
  }

  /** The TV's poll: what it takes now, and the inputs waiting (none, and none kept, on a secret screen). */
  take(pairing: Pairing, entry: unknown): RemoteInput[] {
    if (!ENTRIES.includes(entry as RemoteEntry)) throw invalid('entry', `one of ${ENTRIES.join(' ')}`);
    const queue = this.queue(pairing);
    queue.entry = entry as RemoteEntry;
    queue.polledAt = this.now().getTime();
    const taken = queue.inputs;
    queue.inputs = [];
    if (entry === 'secret') return [];
    const since = this.now().getTime() - REMOTE_INPUT_TTL_MS;
    return taken.filter(({ at }) => at >= since).map(({ input }) => input);
  }

  /** Forgets every queue (the simulator's reset). */
  clear(): void {
    this.queues.clear();
  }
}
