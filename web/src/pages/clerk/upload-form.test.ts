import { emptyUploadForm, toDecisionInput } from './upload-form';

describe('toDecisionInput', () => {
  it('builds the contract body, trimming text and leaving out empty optional fields', () => {
    const body = toDecisionInput({
      ...emptyUploadForm(),
      reference: ' TAP-MONS-2026-000123 ',
      court: "Tribunal de l'application des peines de Mons",
      decisionDate: '2026-11-20',
      nrn: '85.07.30-033.28',
      lastName: 'Dupont',
      firstNames: 'Jean Marie',
      birthDate: '1985-07-30',
      street: 'Rue de la Gare',
      number: '12',
      postalCode: '7780',
      municipalityNis: '57097',
      particular: [{ type: 'prohibition', category: 'contact_ban', text: ' no contact with the victim ' }],
    });
    expect(body).toEqual({
      reference: 'TAP-MONS-2026-000123',
      authority: 'sentence_enforcement_court',
      court: "Tribunal de l'application des peines de Mons",
      decisionDate: '2026-11-20',
      measure: 'conditional_release',
      electronicMonitoring: false,
      conditions: {
        general: ['no_new_offences', 'fixed_address', 'respond_to_summons'],
        particular: [{ type: 'prohibition', category: 'contact_ban', text: 'no contact with the victim' }],
      },
      person: {
        nrn: '85073003328',
        lastName: 'Dupont',
        firstNames: 'Jean Marie',
        birthDate: '1985-07-30',
        domicile: { street: 'Rue de la Gare', number: '12', postalCode: '7780', municipalityNis: '57097' },
      },
    });
  });

  it('keeps box, prison and language when given, drops an empty birth date', () => {
    const body = toDecisionInput({
      ...emptyUploadForm(),
      box: 'b2',
      prisonId: 'PRISON-MONS',
      language: 'nl',
    });
    expect(body.person.domicile.box).toBe('b2');
    expect(body.prisonId).toBe('PRISON-MONS');
    expect(body.language).toBe('nl');
    expect('birthDate' in body.person).toBe(false);
  });
});
