/** node:async_hooks in the browser build: only imported by the in-process virtual card, never run here. */
export class AsyncLocalStorage<T> {
  private store: T | undefined;

  getStore(): T | undefined {
    return this.store;
  }

  run<R>(store: T, callback: () => R): R {
    const before = this.store;
    this.store = store;
    try {
      return callback();
    } finally {
      this.store = before;
    }
  }
}
