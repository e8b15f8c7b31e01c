import { Outbox } from '../outbox/outbox';
import type { Db } from '../store/database';

/**
 * Message names of the case's life (bpmn/README.md, "Messages"). All but `MandateClosed` correlate on
 * the decision id; `MandateClosed` on the mandate id, and ends that mandate's follow-up.
 */
export const LIFECYCLE_MESSAGES = {
  revised: 'MeasureRevised',
  endChanged: 'MeasureEndChanged',
  revoked: 'MeasureRevoked',
  moved: 'DomicileMoved',
  released: 'PersonReleased',
  mandateClosed: 'MandateClosed',
} as const;

/** Queues a message publication with the change (outbox: published after the commit, de-duplicated by messageId). */
export async function queueMessage(
  trx: Db,
  at: Date,
  m: { name: string; correlationKey: string; messageId: string; variables: Record<string, unknown> },
): Promise<void> {
  await Outbox.enqueueIn(trx, at, {
    key: `publish:${m.name}:${m.messageId}`,
    kind: 'publish',
    payload: m,
  });
}
