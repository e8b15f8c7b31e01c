/**
 * The engine's one source of time. BPMN time (timers, job deadlines, retry back-offs, message
 * time-to-live) is read and waited on only through this interface, so tests move time forward
 * instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once, as soon as `now() >= at`. Returns a function that cancels the call. */
  schedule(at: number, callback: () => void): () => void;
}
