/**
 * A mandate as GET /api/mandates/{id} answers its recipient: with the decision's person and
 * conditions. The nodes' outputs are checked against it: they carry only the status fields.
 */
export const fullMandate = {
  id: 'M-000123-POL',
  decisionId: 'D-000123',
  kind: 'police_check',
  recipientId: 'PZ-5318',
  recipient: { id: 'PZ-5318', kind: 'police_zone', name: 'ZP Comines-Warneton', province: 'BE-WHT' },
  status: 'issued',
  deadline: '2026-11-27T18:00:00.000Z',
  overdue: false,
  escalatedAt: null,
  issuedAt: '2026-11-26T18:00:00.000Z',
  acknowledgedAt: null as string | null,
  acknowledgedBy: null as string | null,
  manualAssignment: false,
  report: null,
  measure: 'conditional_release',
  person: {
    nrn: '85073003328',
    lastName: 'Dupont',
    firstNames: 'Jean Marie',
    birthDate: '1985-07-30',
    domicile: { street: 'Rue de la Gare', number: '12', postalCode: '7780', municipalityNis: '57097' },
  },
  conditions: {
    general: ['no_new_offences', 'fixed_address'],
    particular: [{ type: 'prohibition', category: 'contact_ban', text: 'no contact with the victim' }],
  },
};

/** The same mandate, acknowledged. */
export const fullAcknowledged = {
  ...fullMandate,
  status: 'acknowledged',
  acknowledgedAt: '2026-11-26T19:00:00.000Z',
  acknowledgedBy: 'agent.comines',
};

/** What a node outputs for a mandate: its ids and status, and nothing else. */
export function statusFields(m: typeof fullMandate) {
  return {
    id: m.id,
    decisionId: m.decisionId,
    kind: m.kind,
    recipientId: m.recipientId,
    status: m.status,
    deadline: m.deadline,
    overdue: m.overdue,
    issuedAt: m.issuedAt,
    acknowledgedAt: m.acknowledgedAt,
    acknowledgedBy: m.acknowledgedBy,
    report: m.report,
  };
}
