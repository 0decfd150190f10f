// In-process single flight: while work for a key is running, every other caller for that key gets
// the same promise instead of starting the work again. This is what turns 100 concurrent requests
// for an expired token into one refresh. Across processes the token manager adds a lock on top.

export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  /** The running work for `key`, or `work()` started now and shared until it settles. */
  run(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running;
    // Start the work on a microtask so that the entry is in the map before `work` runs: a `work`
    // that throws synchronously must still be cleaned up, and must not be entered after cleanup.
    const promise: Promise<T> = Promise.resolve()
      .then(work)
      .finally(() => {
        if (this.inFlight.get(key) === promise) this.inFlight.delete(key);
      });
    this.inFlight.set(key, promise);
    return promise;
  }

  isRunning(key: string): boolean {
    return this.inFlight.has(key);
  }
}
