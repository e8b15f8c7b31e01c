import type { NamedPerson } from '../audit/people-named';
import { conflict, notFound } from '../errors';
import type { Actor, ServiceContext } from '../service-context';
import { Outbox } from '../outbox/outbox';
import { transact } from '../store/database';
import { removeDocumentIfUnused } from '../store/document-use';
import { caseInstances, type EngineHistory } from './engine-history';
import type { Pseudonyms } from './pseudonyms';

/** Why a case is erased: its retention period ran out, or an admin erased it early (court order, mistake). */
export type ErasureReason = 'retention' | 'request';

export interface ErasureDeps {
  ctx: ServiceContext;
  engine: EngineHistory;
  pseudonyms: Pseudonyms;
}

/** What an erasure left: the pseudonym and the ids the audit log still names. */
export interface ErasedCase {
  decisionId: string;
  personPseudonym: string;
  reason: ErasureReason;
  erasedAt: string;
  objects: string[];
  engineInstances: string[];
}

/**
 * Erases one case everywhere it lives: its process instances in the engine first (deleted with their
 * variables; a running one is refused for a retention erasure and cancelled first for an early
 * one), then in one transaction every row of the platform (decision, events, mandates with their
 * reports, signalement records, notifications, callbacks, outbox items naming the case), a row in
 * `erasures` keeping only the person's keyed pseudonym and the case's ids, and the audit entry of the
 * erasure; then the document (file or row) when no other decision uses it. The audit log itself is
 * untouched: its entries name cases by id, never by person, so the chain still verifies.
 */
export async function eraseCase(
  deps: ErasureDeps,
  decisionId: string,
  how: { reason: ErasureReason; justification: string; actor: Actor; endedAt: string | null },
): Promise<ErasedCase> {
  const { ctx } = deps;
  const decision = await ctx.db
    .selectFrom('decisions')
    .select(['id', 'input_json', 'document_sha256', 'process_instance_key'])
    .where('id', '=', decisionId)
    .executeTakeFirst();
  if (!decision) {
    const erased = await ctx.db
      .selectFrom('erasures')
      .select('erased_at')
      .where('decision_id', '=', decisionId)
      .executeTakeFirst();
    if (erased) throw conflict('already_erased', `case ${decisionId} was erased at ${erased.erased_at}`);
    throw notFound('Decision', decisionId);
  }
  const mandates = await ctx.db
    .selectFrom('mandates')
    .select(['id', 'process_instance_key'])
    .where('decision_id', '=', decisionId)
    .execute();
  const mandateIds = mandates.map((m) => m.id);
  const instances = await caseInstances(deps.engine, decisionId, [
    decision.process_instance_key,
    ...mandates.map((m) => m.process_instance_key),
  ]);
  for (const key of instances) {
    let outcome = await deps.engine.deleteInstance(key);
    if (outcome === 'running' && how.reason === 'request') {
      await deps.engine.cancelInstance(key);
      outcome = await deps.engine.deleteInstance(key);
    }
    if (outcome === 'running')
      throw conflict(
        'case_still_running',
        `process instance ${key} of case ${decisionId} is still running in the engine; the case has not ended`,
      );
  }

  const person = (JSON.parse(decision.input_json) as { person?: NamedPerson }).person;
  const personPseudonym = deps.pseudonyms.person(person?.nrn ?? `unknown:${decisionId}`);
  // The justification outlives the case (erasures row, audit entry): the person's names and number
  // in it become their pseudonym, as the audit log's entries do.
  const justification = deps.pseudonyms.scrubPeople(
    deps.pseudonyms.scrub(how.justification),
    person ? [person] : [],
  );
  const erasedAt = ctx.clock.now().toISOString();
  const objects = await transact(ctx.db, async (trx) => {
    const signalements = await trx
      .selectFrom('signalements')
      .select('id')
      .where('decision_id', '=', decisionId)
      .execute();
    const notifications = await trx
      .selectFrom('notifications')
      .select('id')
      .where('decision_id', '=', decisionId)
      .execute();
    const callbacks =
      mandateIds.length > 0
        ? await trx.selectFrom('callbacks').select('id').where('mandate_id', 'in', mandateIds).execute()
        : [];
    const ids = [
      ...mandateIds,
      ...signalements.map((s) => s.id),
      ...notifications.map((n) => n.id),
      ...callbacks.map((c) => c.id),
    ];
    for (const id of [decisionId, ...mandateIds, ...callbacks.map((c) => c.id)])
      await trx.deleteFrom('outbox').where('payload', 'like', `%"${id}"%`).execute();
    if (callbacks.length > 0)
      await trx
        .deleteFrom('callbacks')
        .where(
          'id',
          'in',
          callbacks.map((c) => c.id),
        )
        .execute();
    // the case's queued e-mails and webhooks (messages/), then its notifications
    if (notifications.length > 0)
      await trx
        .deleteFrom('outgoing_messages')
        .where(
          'notification_id',
          'in',
          notifications.map((n) => n.id),
        )
        .execute();
    await trx.deleteFrom('notifications').where('decision_id', '=', decisionId).execute();
    // what the parquet, a zone or a prison changed (lifecycle/): new addresses, conditions, reasons
    await trx.deleteFrom('decision_changes').where('decision_id', '=', decisionId).execute();
    await trx.deleteFrom('decision_events').where('decision_id', '=', decisionId).execute();
    await trx.deleteFrom('signalements').where('decision_id', '=', decisionId).execute();
    await trx.deleteFrom('mandates').where('decision_id', '=', decisionId).execute();
    await trx.deleteFrom('engine_history_purges').where('decision_id', '=', decisionId).execute();
    await trx.deleteFrom('decisions').where('id', '=', decisionId).execute();
    await trx
      .insertInto('erasures')
      .values({
        decision_id: decisionId,
        person_pseudonym: personPseudonym,
        reason: how.reason,
        justification,
        ended_at: how.endedAt,
        erased_at: erasedAt,
        erased_by: how.actor.user,
        objects: ids.join(','),
      })
      .execute();
    await ctx.audit.appendIn(trx, {
      user: how.actor.user,
      agencyId: how.actor.agencyId,
      action: 'case.erase',
      object: decisionId,
      justification: `${how.reason}: ${justification}`,
      outcome: 'ok',
      about: person,
    });
    // The document goes after the commit (a file cannot join the transaction); queued with it, so a
    // crash between the commit and the removal leaves the removal to do, not an erased case's document.
    await Outbox.enqueueIn(trx, new Date(erasedAt), {
      key: `remove_document:${decision.document_sha256}:${erasedAt}`,
      kind: 'remove_document',
      payload: { sha256: decision.document_sha256 },
    });
    return ids;
  });
  await removeDocumentIfUnused(ctx, decision.document_sha256);
  ctx.outbox.kick();
  ctx.inputs.forget(decisionId);
  return {
    decisionId,
    personPseudonym,
    reason: how.reason,
    erasedAt,
    objects,
    engineInstances: instances,
  };
}
