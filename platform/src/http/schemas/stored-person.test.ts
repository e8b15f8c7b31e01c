import { sharedSerializers } from '../shared-serializers';
import { AgencySchema, NameSchema, page } from './common';
import { MandateSchema, ReportSchema } from './decision';
import { cominesDecision } from '../../__fixtures__/sample-decision';

const { person } = cominesDecision();

// The person and conditions a mandate repeats are typed in its response schema (the serializer
// writes them without looking at each key). Given what a stored decision may hold, when an inbox
// page is serialized, then nothing is lost, and nothing the validator leaves out stops the page.
describe("the inbox page's serializer and the stored person", () => {
  const serialize = sharedSerializers()(
    { Name: NameSchema, Agency: AgencySchema, Report: ReportSchema, Mandate: MandateSchema },
    {},
  )({ method: 'GET', url: '/api/mandates', httpStatus: '200', schema: page('Mandate') });
  const mandate = (person: unknown, conditions: unknown) => ({
    id: 'M-000001-POLICE',
    decisionId: 'D-000001',
    kind: 'police_check',
    recipientId: 'PZ-5318',
    recipient: null,
    status: 'issued',
    deadline: '2026-12-08T10:00:00.000Z',
    overdue: false,
    escalatedAt: null,
    issuedAt: '2026-12-07T10:00:00.000Z',
    acknowledgedAt: null,
    acknowledgedBy: null,
    manualAssignment: false,
    report: null,
    person,
    conditions,
    measure: 'conditional_release',
  });
  const roundTrip = (items: unknown[]) =>
    JSON.parse(serialize({ items, nextCursor: null })) as { items: unknown[] };

  it('keeps every field a validated decision can hold', () => {
    const whole = mandate(
      { ...person, domicile: { ...person.domicile, box: '2B' } },
      {
        general: ['no_new_offences'],
        particular: [{ type: 'prohibition', category: 'contact_ban', text: 'no contact with the victim' }],
      },
    );
    expect(roundTrip([whole]).items).toEqual([whole]);
  });

  it('serializes a person without the optional fields (no postal code: the NIS code was given)', () => {
    const sparse = mandate(
      {
        nrn: '85073003328',
        lastName: 'Dupont',
        firstNames: 'Jean',
        domicile: { street: 'Rue', number: '1', municipalityNis: '57097' },
      },
      { general: [], particular: [{ type: 'obligation', category: 'other', text: '' }] },
    );
    expect(roundTrip([sparse]).items).toEqual([sparse]);
  });

  it('leaves out what a stored decision cannot hold', () => {
    const extra = mandate(
      {
        nrn: '85073003328',
        lastName: 'D',
        firstNames: 'J',
        domicile: { street: 'R', number: '1' },
        nickname: 'x',
      },
      { general: [], particular: [] },
    );
    expect(roundTrip([extra]).items[0]).toMatchObject({
      person: expect.not.objectContaining({ nickname: 'x' }),
    });
  });
});
