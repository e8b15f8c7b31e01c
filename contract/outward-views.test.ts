import type { Mandate } from './mandate';
import { mandateForRecipientOf, mandateStatusOf } from './outward-views';

/** The status view's fields, in order: written out here, so a field added to the view fails a test. */
const MANDATE_STATUS_FIELDS = [
  'id',
  'decisionId',
  'kind',
  'recipientId',
  'status',
  'deadline',
  'overdue',
  'issuedAt',
  'acknowledgedAt',
  'acknowledgedBy',
  'report',
];

/** A mandate as the API shows it to its recipient: with the decision's person and conditions. */
const mandate: Mandate = {
  id: 'M-000123-POL',
  decisionId: 'D-000123',
  kind: 'police_check',
  recipientId: 'PZ-5318',
  recipient: { id: 'PZ-5318', kind: 'police_zone', name: { fr: 'ZP Comines-Warneton' }, language: 'fr' },
  status: 'reported',
  deadline: '2026-11-27T18:00:00.000Z',
  overdue: false,
  escalatedAt: null,
  issuedAt: '2026-11-26T18:00:00.000Z',
  acknowledgedAt: '2026-11-26T19:00:00.000Z',
  acknowledgedBy: 'agent.comines',
  manualAssignment: false,
  report: {
    outcome: 'address_verified',
    breach: false,
    text: 'Jean Marie Dupont was at home',
    at: '2026-11-27T08:00:00.000Z',
    by: 'agent.comines',
  },
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
    particular: [{ type: 'prohibition', category: 'contact_ban', text: 'no contact with Marie Lambert' }],
  },
};

describe('outward views of a mandate', () => {
  it('the status view has exactly the ids and status, and the report without its free text', () => {
    const view = mandateStatusOf(mandate);
    expect(Object.keys(view)).toEqual([...MANDATE_STATUS_FIELDS]);
    expect(view.report).toEqual({
      outcome: 'address_verified',
      breach: false,
      at: '2026-11-27T08:00:00.000Z',
      by: 'agent.comines',
    });
    expect(JSON.stringify(view)).not.toMatch(/Dupont|Jean|85073003328|Rue de la Gare|Lambert|1985/);
  });

  it('a police zone gets the name, birth date and address for the visit, the general conditions, no number or free text', () => {
    const view = mandateForRecipientOf(mandate);
    expect(Object.keys(view).sort()).toEqual(
      [...MANDATE_STATUS_FIELDS, 'measure', 'person', 'conditions'].sort(),
    );
    expect(view.person).toEqual({
      lastName: 'Dupont',
      firstNames: 'Jean Marie',
      birthDate: '1985-07-30',
      domicile: mandate.person!.domicile,
    });
    expect(view.conditions).toEqual({ general: ['no_new_offences', 'fixed_address'] });
    expect(JSON.stringify(view)).not.toMatch(/85073003328|Lambert|at home/);
  });

  it('a justice house or monitoring centre gets the person and the conditions whole', () => {
    for (const kind of ['guidance', 'monitoring'] as const) {
      const view = mandateForRecipientOf({ ...mandate, kind });
      expect(view.person).toEqual(mandate.person);
      expect(view.conditions).toEqual(mandate.conditions);
      expect(view.report).not.toHaveProperty('text');
    }
  });

  it('a mandate without its decision (erased, or read without it) stays without', () => {
    const { person: _p, conditions: _c, measure: _m, ...bare } = mandate;
    const view = mandateForRecipientOf(bare);
    expect(Object.keys(view)).toEqual([...MANDATE_STATUS_FIELDS]);
  });
});
