import type { ReferenceLookup } from '../reference-port';
import type { Db } from '../store/database';
import {
  languagesFor,
  renderInLanguages,
  type MessageFacts,
  type RenderedMessage,
} from './message-templates';

/**
 * The webhook body, every field of it: the message's id, the event, when, for which agency, the
 * case's ids, reference and link, the words. Nothing about the person (docs/DATA-PROTECTION.md).
 */
export interface WebhookBody {
  id: string;
  event: string;
  occurredAt: string;
  agencyId: string;
  decision: { id: string; reference: string; link: string };
  mandateId?: string;
  message: RenderedMessage;
}

/** A message ready to send: its words (the e-mail), and the JSON a webhook receives. */
export interface MessageContent {
  rendered: RenderedMessage;
  payload: WebhookBody;
}

/**
 * Reads what a message says from the case as it is now: the notification and the decision's
 * reference, and nothing else of the case (never its person, address or conditions: the one place
 * where the e-mail's and the webhook's content is chosen). Undefined when the notification or its
 * decision is gone (erased): nothing is left to say.
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
    .select('reference')
    .where('id', '=', n.decision_id)
    .executeTakeFirst();
  if (!d) return undefined;
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
      message: rendered,
    },
  };
}
