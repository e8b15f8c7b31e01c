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

/**
 * A lifecycle message that a duplicate process instance of the decision took (the engine, like
 * Zeebe, hands a message to one instance of a process: the oldest that waits for it), passed on to
 * the recorded instance: queues an outbox item that cancels the duplicate, then publishes the same
 * message again under a new id. Cancelling first matters: while the duplicate lives it could take the
 * message again. False when the message is not in the outbox (an erased case's rows are gone).
 */
export async function queuePassOn(
  db: Db,
  at: Date,
  m: { name: string; messageId: string; duplicateKey: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('outbox')
    .select('payload')
    .where('key', '=', `publish:${m.name}:${m.messageId}`)
    .executeTakeFirst();
  if (!row) return false;
  const message = JSON.parse(row.payload) as { messageId: string };
  const messageId = `${m.messageId}:passed-on:${m.duplicateKey}`;
  await Outbox.enqueueIn(db, at, {
    key: `pass_on:${m.name}:${messageId}`,
    kind: 'pass_on',
    payload: { duplicateKey: m.duplicateKey, message: { ...message, messageId } },
  });
  return true;
}
