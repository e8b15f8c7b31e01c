import { failedPrecondition, notFound } from '../errors';
import type { InstanceState } from './instance-state';
import type { InstanceStore } from './instance-store';

/** The process instance a cancel command names, refused as Zeebe refuses it (unknown, or called by a parent). */
export function rootInstanceToCancel(store: InstanceStore, key: number): InstanceState {
  const instance = store.get(key);
  if (!instance) {
    throw notFound(`Expected to cancel a process instance with key '${key}', but no such process was found`);
  }
  if (instance.parentInstanceKey !== undefined) {
    throw failedPrecondition(
      `Expected to cancel a process instance with key '${key}', but it is created by a parent process instance. ` +
        `Cancel the root process instance '${instance.parentInstanceKey}' instead.`,
    );
  }
  return instance;
}
