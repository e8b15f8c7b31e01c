import { MEASURES } from '@iplus/contract';
import type { DecisionInput } from './decision-types';
import { prisonUpload } from './prison-issued';

const leave: DecisionInput = {
  reference: 'PRISON-TOURNAI-2026-1',
  authority: 'prison_director',
  court: 'Directeur de la prison de Tournai',
  decisionDate: '2026-11-20',
  measure: 'prison_leave',
  electronicMonitoring: false,
  language: 'fr',
  conditions: { general: ['no_new_offences'], particular: [] },
  person: {
    nrn: '85073003328',
    lastName: 'Dupont',
    firstNames: 'Jean',
    domicile: { street: 'Rue de la Gare', number: '12', municipalityNis: '57097' },
  },
};

describe('what a prison may upload', () => {
  it("attributes a director's prison leave to the officer's prison", () => {
    expect(prisonUpload(leave, 'PRISON-TOURNAI')).toEqual({
      ok: true,
      value: { ...leave, prisonId: 'PRISON-TOURNAI' },
    });
    expect(prisonUpload({ ...leave, prisonId: 'PRISON-TOURNAI' }, 'PRISON-TOURNAI').ok).toBe(true);
  });

  it('refuses every other measure with 403, naming the measure', () => {
    for (const measure of MEASURES.filter((m) => m !== 'prison_leave')) {
      const r = prisonUpload({ ...leave, measure }, 'PRISON-TOURNAI');
      expect(r).toMatchObject({ ok: false, refusal: { status: 403, code: 'measure_not_issued_by_prisons' } });
      if (!r.ok) expect(r.refusal.message).toContain(measure);
    }
  });

  it("refuses another prison's decision with 403", () => {
    const r = prisonUpload({ ...leave, prisonId: 'PRISON-GENT' }, 'PRISON-TOURNAI');
    expect(r).toMatchObject({
      ok: false,
      refusal: { status: 403, code: 'not_your_prison', field: 'prisonId' },
    });
  });

  it('takes a leave the administration decided for the minister, and refuses a court as its author with 400', () => {
    expect(prisonUpload({ ...leave, authority: 'minister' }, 'PRISON-TOURNAI').ok).toBe(true);
    const r = prisonUpload({ ...leave, authority: 'court' }, 'PRISON-TOURNAI');
    expect(r).toMatchObject({ ok: false, refusal: { status: 400, code: 'authority_not_for_prison_leave' } });
  });
});
