import type { EventRows } from '../../state/event-rows';
import type { RuntimeApi } from '../runtime-api';
import type { Variables } from '../variables';

/** A signal is broadcast: every signal start event starts an instance, every waiting catcher receives it. */
export function broadcastSignal(rt: RuntimeApi, rows: EventRows, name: string, variables: Variables): void {
  for (const start of rows.selectStartSubscriptions.all('signal', name)) {
    const process = rt.definitions.byDefinitionKey(start.process_definition_key);
    if (process) rt.createInstance(process, variables, { startAt: [process.element(start.element_id)] });
  }
  for (const sub of rows.selectSignalSubscriptions.all(name)) {
    const instance = rt.store.get(sub.process_instance_key);
    const owner = instance?.elements.get(sub.element_instance_key);
    if (!instance || !owner) continue;
    rt.triggerEvent(owner, instance.process.element(sub.element_id), variables);
  }
}
