import type { ReferenceLookup } from '../reference-port';
import type { Db } from '../store/database';
import {
  languagesFor,
  renderInLanguages,
  type MessageFacts,
  type RenderedMessage,
} from './message-templates';

/** A message ready to send: its words, and the JSON a webhook receives. */
export interface MessageContent {
  rendered: RenderedMessage;
  /** The webhook body: the event, the case's reference and link, the person's name, the words. */
  payload: {
    id: string;
    event: string;
    occurredAt: string;
    agencyId: string;
    decision: { id: string; reference: string; link: string };
    mandateId?: string;
    person: { name: string };
    message: RenderedMessage;
  };
}

/**
 * Reads what a message says from the case as it is now: the notification, the decision's reference
 * and the person's name (never the national register number, address or conditions). Undefined
 * when the notification or its decision is gone (erased): nothing is left to say.
 */
export async function messageContent(
  db: Db,
  reference: ReferenceLookup,
  publicUrl: string,
  m: { id: string; notification_id: string; agency_id: string },
): Promise<MessageContent | undefined> {
  const n = await db
    .selectFrom('notifications')
    .select(['kind', 'decision_id', 'mandate_id', 'created_at'])
    .where('id', '=', m.notification_id)
    .executeTakeFirst();
  if (!n) return undefined;
  const d = await db
    .selectFrom('decisions')
    .select(['reference', 'input_json'])
    .where('id', '=', n.decision_id)
    .executeTakeFirst();
  if (!d) return undefined;
  const person = (JSON.parse(d.input_json) as { person?: { lastName?: string; firstNames?: string } }).person;
  const personName = [person?.firstNames, person?.lastName?.toUpperCase()].filter(Boolean).join(' ') || '—';
  // The web UI's hash routes: a recipient (police zone, justice house, monitoring centre) opens its
  // mandate, as it does not read decisions; a parquet, coordination or prison opens the decision.
  const agencyKind = reference.agency(m.agency_id)?.kind;
  const recipient =
    agencyKind === 'police_zone' || agencyKind === 'justice_house' || agencyKind === 'em_centre';
  const link =
    `${publicUrl.replace(/\/+$/, '')}/#/` +
    (recipient && n.mandate_id
      ? `mandates/${encodeURIComponent(n.mandate_id)}`
      : `decisions/${encodeURIComponent(n.decision_id)}`);
  const facts: MessageFacts = {
    kind: n.kind,
    decisionReference: d.reference,
    personName,
    mandateId: n.mandate_id ?? undefined,
    at: n.created_at,
    link,
  };
  const settings = await db
    .selectFrom('agency_delivery')
    .select('language')
    .where('agency_id', '=', m.agency_id)
    .executeTakeFirst();
  const rendered = renderInLanguages(
    facts,
    languagesFor(reference.agency(m.agency_id)?.language, settings?.language),
  );
  return {
    rendered,
    payload: {
      id: m.id,
      event: n.kind,
      occurredAt: n.created_at,
      agencyId: m.agency_id,
      decision: { id: n.decision_id, reference: d.reference, link },
      ...(n.mandate_id ? { mandateId: n.mandate_id } : {}),
      person: { name: personName },
      message: rendered,
    },
  };
}
