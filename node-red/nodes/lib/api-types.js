'use strict';
/**
 * The iplus API as the Node-RED nodes see it, from the one contract of every client (contract/ in the
 * repository): the build emits it as JavaScript into ./contract (`npm run build:node-red`, and `npm pack`
 * through the package's prepack), so the package carries its own copy and depends on nothing.
 *
 * @typedef {import('./contract/index').Problem} Problem
 * @typedef {import('./contract/index').MandateKind} MandateKind
 * @typedef {import('./contract/index').ReportOutcome} ReportOutcome
 * @typedef {import('./contract/index').Mandate} Mandate
 * @typedef {import('./contract/index').Decision} Decision
 * @typedef {import('./contract/index').Agency} Agency
 * @typedef {import('./contract/index').AgencyKind} AgencyKind
 * @typedef {import('./contract/index').AcknowledgementCallback} AcknowledgementCallback
 * @typedef {import('./contract/index').MandateStatusView} MandateStatusView
 * @typedef {import('./contract/index').MandateForRecipient} MandateForRecipient
 * @typedef {{ items: Mandate[], nextCursor: string | null }} MandatePage
 */
const {
  MANDATE_KINDS,
  REPORT_OUTCOMES,
  MANDATE_ACKNOWLEDGED_EVENT,
  isAcknowledged,
  mandateStatusOf,
  mandateForRecipientOf,
  problemMessage,
} = require('./contract');

/** @type {Record<MandateKind, AgencyKind>} The kind of agency that receives each kind of mandate. */
const RECIPIENT_AGENCY_KIND = {
  police_check: 'police_zone',
  guidance: 'justice_house',
  monitoring: 'em_centre',
};

module.exports = {
  MANDATE_KINDS,
  REPORT_OUTCOMES,
  MANDATE_ACKNOWLEDGED_EVENT,
  RECIPIENT_AGENCY_KIND,
  isAcknowledged,
  // What the nodes send on for a mandate (docs/DATA-PROTECTION.md, "Minimisation where data flows
  // out"): its ids and status, or, for a recipient's inbox, what that kind of recipient needs.
  mandateStatusOf,
  mandateForRecipientOf,
  problemMessage,
};
