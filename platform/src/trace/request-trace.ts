import { AsyncLocalStorage } from 'node:async_hooks';
import * as crypto from 'node:crypto';
import type { Logger } from '../logger';

/**
 * The request id that caused the work in progress: set for an HTTP request, carried in the outbox
 * row and the process variables (`requestId`), and set again around the outbox handler and the job
 * worker that pick the work up, so one id follows a decision from its upload to its workers.
 */
const storage = new AsyncLocalStorage<{ requestId: string }>();

/** What a request id may look like: short, and nothing that could break a log line. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID.test(value);
}

export function newRequestId(): string {
  return crypto.randomUUID();
}

/** The request id of the work in progress, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs `fn` with `requestId` as the current one (no id, or a malformed one: runs it without). */
export function withRequestId<T>(requestId: unknown, fn: () => T): T {
  return isRequestId(requestId) ? storage.run({ requestId }, fn) : fn();
}

/** `{ requestId }` when there is a current one, to spread into process variables or payloads. */
export function traceFields(): { requestId?: string } {
  const requestId = currentRequestId();
  return requestId ? { requestId } : {};
}

/** A logger that adds the current request id to every line's fields. */
export function tracedLogger(logger: Logger): Logger {
  const at =
    (level: keyof Logger) =>
    (message: string, fields?: Record<string, unknown>): void => {
      const requestId = currentRequestId();
      logger[level](message, requestId ? { ...fields, requestId } : fields);
    };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
