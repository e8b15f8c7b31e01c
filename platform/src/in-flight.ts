/**
 * Calls made while one with the same key (per owner: a store, an engine) is in flight share its
 * promise, and its failure; nothing is kept after it settles. For work that concurrent callers would
 * otherwise each do, one of them winning anyway (a decision's first jobs arrive together).
 */
export function sharedWhileInFlight<T>(): (owner: object, key: string, run: () => Promise<T>) => Promise<T> {
  const byOwner = new WeakMap<object, Map<string, Promise<T>>>();
  return (owner, key, run) => {
    let pending = byOwner.get(owner);
    if (!pending) byOwner.set(owner, (pending = new Map()));
    const shared = pending.get(key);
    if (shared) return shared;
    const started = run().finally(() => pending.delete(key));
    pending.set(key, started);
    return started;
  };
}
