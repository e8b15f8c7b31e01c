import { deleteFinishedInstance } from '../processor/instance-deletion';
import type { Db } from '../state/database';
import { badRequest } from './problem';

/**
 * The shape of a route of `routes.ts`, written out here so that file can list this one without an
 * import circle (a route's context is wider than what this one reads).
 */
interface DeletionRoute {
  method: 'POST';
  path: RegExp;
  handle(ctx: { engine: unknown }, params: string[], body: unknown): Promise<{ status: number }>;
}

/** What the deletion needs of the engine: its writing connection and its command queue. */
interface CommandHost {
  readonly db: Db;
  submit<T>(run: () => T): Promise<T>;
}

function isCommandHost(engine: unknown): engine is CommandHost {
  const e = engine as Partial<CommandHost> | null;
  return typeof e?.submit === 'function' && e.db !== undefined;
}

/**
 * `POST /v2/process-instances/{processInstanceKey}/deletion` (Camunda 8.9): deletes a finished
 * instance and its variables from the engine's state; 204 when done, 404 for an unknown key, 409
 * (problem+json) for an instance that is still running. The optional body
 * `{ "operationReference": <number> }` is accepted and not used (the deletion is synchronous here).
 */
export const INSTANCE_DELETION_ROUTES: DeletionRoute[] = [
  {
    method: 'POST',
    path: /^\/v2\/process-instances\/([^/]+)\/deletion$/,
    handle: async (c, [k], body) => {
      if (!/^\d{1,16}$/.test(k ?? ''))
        throw badRequest(
          `'${k}' is not a process instance key; keys are strings of digits such as "2251799813685249"`,
        );
      if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body)))
        throw badRequest('the body must be empty or a JSON object such as {"operationReference": 1}');
      const engine: unknown = c.engine;
      if (!isCommandHost(engine)) throw new Error('this engine cannot delete process instances');
      await engine.submit(() => deleteFinishedInstance(engine.db, Number(k)));
      // The WAL still holds the pages as they were before: copy the zeroed pages back and empty it.
      engine.db.pragma('wal_checkpoint(TRUNCATE)');
      return { status: 204 };
    },
  },
];
