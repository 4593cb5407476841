/**
 * Deterministic stand-ins for the injected actors, for tests. Each promise actor registers itself
 * when the machine starts it and waits until the test settles it (`resolve` / `reject` by invoke
 * id), so a test decides every outcome and can read every input the machine handed over (`calls`).
 */
import { fromCallback, fromPromise, type AnyActorLogic } from 'xstate';

interface Pending {
  resolve(output: unknown): void;
  reject(error: unknown): void;
}

export interface FakeCall {
  src: string;
  /** The invoke id (several invocations may share one actor, e.g. both PIN statuses). */
  id: string;
  input: unknown;
}

export class FakeActors {
  readonly calls: FakeCall[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly senders = new Map<string, (event: { type: string }) => void>();
  readonly logic: Record<string, AnyActorLogic> = {};

  constructor(promiseActors: readonly string[], callbackActors: readonly string[] = []) {
    for (const src of promiseActors) {
      this.logic[src] = fromPromise<unknown, unknown>(
        ({ input, self }) =>
          new Promise((resolve, reject) => {
            this.calls.push({ src, id: self.id, input });
            this.pending.set(self.id, { resolve, reject });
          }),
      );
    }
    for (const src of callbackActors) {
      this.logic[src] = fromCallback(({ sendBack }) => {
        this.senders.set(src, sendBack);
        return () => this.senders.delete(src);
      });
    }
  }

  isPending(id: string): boolean {
    return this.pending.has(id);
  }

  resolve(id: string, output: unknown): void {
    this.take(id).resolve(output);
  }

  reject(id: string, error: unknown): void {
    this.take(id).reject(error);
  }

  /** What a callback actor (e.g. the bridge watcher) sends to its parent. */
  sendFrom(src: string, event: { type: string; [key: string]: unknown }): void {
    const send = this.senders.get(src);
    if (!send) throw new Error(`callback actor '${src}' is not running`);
    send(event);
  }

  /** Inputs by invoke id (the id is the actor's name unless the machine gives another). */
  inputsOf(id: string): unknown[] {
    return this.calls.filter((call) => call.id === id).map((call) => call.input);
  }

  private take(id: string): Pending {
    const pending = this.pending.get(id);
    if (!pending) throw new Error(`actor '${id}' is not running (nothing to settle)`);
    this.pending.delete(id);
    return pending;
  }
}

/** Lets promise callbacks and the actors' mailboxes run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
