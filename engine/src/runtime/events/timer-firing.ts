import { addDuration, parseCycle } from '../../model/iso8601';
import type { EventRows, TimerRow } from '../../state/event-rows';
import type { EventWaits } from '../event-waits';
import type { RuntimeApi } from '../runtime-api';

/**
 * A timer is due: start an instance, or deliver it to the element waiting for it; a cycle with
 * repetitions left is scheduled again, anything else is deleted.
 */
export function fireTimer(rt: RuntimeApi, rows: EventRows, waits: EventWaits, row: TimerRow): void {
  const repeat = row.interval !== null && row.repetitions !== 1;
  const reschedule = () => {
    const cycle = parseCycle(row.interval!);
    if (!cycle.ok) {
      rows.deleteTimer.run(row.key);
      return;
    }
    const due = addDuration(rt.now, cycle.value.interval);
    rows.updateTimer.run(due, row.repetitions > 0 ? row.repetitions - 1 : row.repetitions, row.key);
    rt.ports.wakeAt(due);
  };
  if (row.process_instance_key === null) {
    const process = rt.definitions.byDefinitionKey(row.process_definition_key);
    if (process) rt.createInstance(process, {}, { startAt: [process.element(row.element_id)] });
    if (process && repeat) reschedule();
    else rows.deleteTimer.run(row.key);
    return;
  }
  const instance = rt.store.get(row.process_instance_key);
  const owner = instance?.elements.get(row.element_instance_key!);
  if (!instance || !owner) {
    rows.deleteTimer.run(row.key);
    return;
  }
  const event = instance.process.element(row.element_id);
  if (repeat && event.interrupting === false) reschedule();
  else {
    rows.deleteTimer.run(row.key);
    waits.forgetTimer(owner, row.key);
  }
  rt.triggerEvent(owner, event, {});
}
