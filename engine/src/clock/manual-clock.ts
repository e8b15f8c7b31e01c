import type { Clock } from './clock';

interface Scheduled {
  at: number;
  callback: () => void;
  cancelled: boolean;
}

/** A clock that only moves when told to: tests advance it instead of sleeping. */
export class ManualClock implements Clock {
  private current: number;
  private scheduled: Scheduled[] = [];

  constructor(start: number | Date = Date.UTC(2026, 0, 1)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  schedule(at: number, callback: () => void): () => void {
    const entry: Scheduled = { at, callback, cancelled: false };
    if (at <= this.current) {
      queueMicrotask(() => !entry.cancelled && callback());
      return () => (entry.cancelled = true);
    }
    this.scheduled.push(entry);
    return () => (entry.cancelled = true);
  }

  /** Moves time forward by `ms` and runs what became due. */
  advance(ms: number): void {
    this.set(this.current + ms);
  }

  /** Moves time to `at` and runs what became due, in due order. */
  set(at: number | Date): void {
    this.current = Math.max(this.current, typeof at === 'number' ? at : at.getTime());
    const due = this.scheduled.filter((s) => s.at <= this.current).sort((a, b) => a.at - b.at);
    this.scheduled = this.scheduled.filter((s) => s.at > this.current && !s.cancelled);
    for (const s of due) if (!s.cancelled) s.callback();
  }
}
