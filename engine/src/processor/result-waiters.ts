import { Rejection, failedPrecondition } from '../errors';
import type { InstanceState } from '../runtime/instance-state';
import type { VariableScopes } from '../runtime/variables';
import type { CommandBatcher } from './command-batcher';
import type { CreatedInstance } from './instance-creation';

interface ResultWaiter {
  resolve: (variables: string) => void;
  reject: (error: Rejection) => void;
  fetchVariables?: string[];
}

/**
 * CreateProcessInstanceWithResult: callers waiting for an instance to complete, answered with its
 * variables when it ends (or refused when it was terminated, timed out, or the engine closes).
 */
export class ResultWaiters {
  private readonly waiters = new Map<number, ResultWaiter>();

  constructor(
    private readonly batcher: CommandBatcher,
    private readonly variables: () => VariableScopes,
  ) {}

  /** Runs `create` as a command and answers when the instance it created completed. */
  createWithResult(
    create: () => { key: number; created: CreatedInstance },
    options: { requestTimeout?: number; fetchVariables?: string[] },
  ): Promise<CreatedInstance & { variables: string }> {
    let timer: NodeJS.Timeout | undefined;
    return new Promise((resolve, reject) => {
      let created: CreatedInstance | undefined;
      let early: string | undefined;
      const waiter: ResultWaiter = {
        resolve: (variables) => {
          clearTimeout(timer);
          if (created) resolve({ ...created, variables });
          else early = variables;
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
        ...(options.fetchVariables?.length ? { fetchVariables: options.fetchVariables } : {}),
      };
      this.batcher
        .submit(() => {
          const r = create();
          this.waiters.set(r.key, waiter);
          return r;
        })
        .then((r) => {
          created = r.created;
          if (early !== undefined) return resolve({ ...created, variables: early });
          const timeout =
            options.requestTimeout && options.requestTimeout > 0 ? options.requestTimeout : 60 * 60_000;
          timer = setTimeout(() => {
            this.waiters.delete(r.key);
            reject(
              new Rejection(
                'DEADLINE_EXCEEDED',
                `the process instance ${r.key} did not complete within ${timeout} ms`,
              ),
            );
          }, timeout);
        }, reject);
    });
  }

  /** An instance ended inside a command: its waiter is answered once the command is durable. */
  instanceEnded(instance: InstanceState, variables: () => string, effects: Array<() => void>): void {
    const waiter = this.waiters.get(instance.key);
    if (!waiter) return;
    this.waiters.delete(instance.key);
    if (instance.status !== 'COMPLETED') {
      effects.push(() =>
        waiter.reject(
          failedPrecondition(`the process instance ${instance.key} was terminated before it completed`),
        ),
      );
      return;
    }
    const json = waiter.fetchVariables
      ? this.variables().visibleJson(instance, instance.key, waiter.fetchVariables)
      : variables();
    effects.push(() => waiter.resolve(json));
  }

  /** Refuses every waiting caller (the engine is shutting down). */
  rejectAll(): void {
    for (const w of this.waiters.values())
      w.reject(new Rejection('UNAVAILABLE', 'the engine is shutting down'));
    this.waiters.clear();
  }
}
