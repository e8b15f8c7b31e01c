'use strict';
/**
 * The shapes of the iplus HTTP API that the Node-RED nodes read (docs/API-CONTRACT.md): the one place
 * of this package where they are written down. Only the fields the nodes use are named; everything
 * else passes through to the node's output untouched; beside the types, the few words of the vocabulary
 * the nodes offer in their edit dialogs.
 *
 * @typedef {{ field?: string, code?: string, message?: string }} FieldError
 * @typedef {{ type?: string, title?: string, status?: number, detail?: string, code?: string,
 *   errors?: FieldError[] }} Problem An RFC 7807 problem document, as every error response is.
 * @typedef {'police_check' | 'guidance' | 'monitoring'} MandateKind
 * @typedef {'address_verified' | 'address_not_verified' | 'interview_held' | 'person_absent'
 *   | 'condition_broken' | 'guidance_started'} ReportOutcome
 * @typedef {{ id: string, decisionId: string, kind: MandateKind, recipientId: string,
 *   status: 'issued' | 'acknowledged' | 'reported', deadline?: string, acknowledgedAt: string | null,
 *   [field: string]: unknown }} Mandate
 * @typedef {{ id: string, reference: string,
 *   status: 'received' | 'routed' | 'old_channel' | 'manual_assignment' | 'closed',
 *   processInstanceKey: string | null,
 *   routing: { recipients?: unknown[], manualAssignment?: string[] } | null,
 *   mandates: Mandate[], [field: string]: unknown }} Decision
 * @typedef {{ items: Mandate[], nextCursor: string | null }} MandatePage
 * @typedef {{ id: string, kind: string, name: { fr?: string, nl?: string, de?: string, en?: string } }} Agency
 * @typedef {{ event?: string, callbackId?: string, mandate?: { id?: string } }} AcknowledgementCallback
 *   What the platform POSTs to a registered callback URL once the mandate is acknowledged.
 */

/** The kinds of mandate, and the kind of agency that receives each. */
const RECIPIENT_AGENCY_KIND = {
  police_check: 'police_zone',
  guidance: 'justice_house',
  monitoring: 'em_centre',
};

/** The outcomes a recipient may report. */
const REPORT_OUTCOMES = [
  'address_verified',
  'address_not_verified',
  'interview_held',
  'person_absent',
  'condition_broken',
  'guidance_started',
];

/**
 * True when the mandate has been acknowledged (a reported mandate was acknowledged before its report).
 * @param {Pick<Mandate, 'status'>} mandate
 */
function isAcknowledged(mandate) {
  return mandate.status === 'acknowledged' || mandate.status === 'reported';
}

module.exports = { RECIPIENT_AGENCY_KIND, REPORT_OUTCOMES, isAcknowledged };
