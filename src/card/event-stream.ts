/**
 * The client's events as a stream without RxJS: subscribe → unsubscribe. The latest event of each
 * type is replayed to a new subscriber, so a flow that subscribes late still learns the connection
 * state and the card status at once.
 */
import type { Status } from '../../stb-spec/protocol/methods';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/**
 * `connectFailed`: an attempt to connect did not reach `open` (sent after each such attempt, not
 * after losing an open connection). `refused`: the bridge is up but turned the app away (the
 * upgrade was refused: a missing or wrong token, or a foreign Origin); otherwise it is not there.
 * `unsupported`: it answered, but serves no protocol this app speaks (BR-VER-6).
 */
export type BridgeEvent =
  | { type: 'connection'; state: ConnectionState }
  | { type: 'status'; status: Status }
  | { type: 'connectFailed'; refused: boolean; unsupported?: true };

export type BridgeListener = (event: BridgeEvent) => void;
export type Unsubscribe = () => void;

export class LatestEventStream {
  private readonly listeners = new Set<BridgeListener>();
  private readonly latest = new Map<BridgeEvent['type'], BridgeEvent>();

  subscribe(listener: BridgeListener): Unsubscribe {
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const entry: BridgeListener = (event) => listener(event);
    this.listeners.add(entry);
    for (const event of [...this.latest.values()]) {
      if (this.listeners.has(entry)) deliver(entry, event);
    }
    return () => {
      this.listeners.delete(entry);
    };
  }

  emit(event: BridgeEvent): void {
    this.latest.set(event.type, event);
    for (const listener of [...this.listeners]) {
      if (this.listeners.has(listener)) deliver(listener, event);
    }
  }

  /** Drops the replayed event of a type (e.g. the card status once the connection is gone). */
  forget(type: BridgeEvent['type']): void {
    this.latest.delete(type);
  }

  latestOf<T extends BridgeEvent['type']>(type: T): Extract<BridgeEvent, { type: T }> | undefined {
    return this.latest.get(type) as Extract<BridgeEvent, { type: T }> | undefined;
  }
}

/** One failing listener must not starve the others or break the client: its error is rethrown later. */
function deliver(listener: BridgeListener, event: BridgeEvent): void {
  try {
    listener(event);
  } catch (error) {
    setTimeout(() => {
      throw error;
    }, 0);
  }
}
