import type { Clock } from './clock';

/** setTimeout's longest delay; longer waits are chained. */
const MAX_DELAY = 2 ** 31 - 1;

/** Wall-clock time, the default outside tests. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  schedule(at: number, callback: () => void): () => void {
    let handle: NodeJS.Timeout | undefined;
    const arm = () => {
      const delay = Math.max(0, at - Date.now());
      handle = setTimeout(delay > MAX_DELAY ? arm : callback, Math.min(delay, MAX_DELAY));
      handle.unref?.();
    };
    arm();
    return () => clearTimeout(handle);
  }
}
