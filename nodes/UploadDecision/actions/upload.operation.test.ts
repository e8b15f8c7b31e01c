import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BASE_URL, fakeContext, problem, rejection } from '../../__tests__/fake-context';
import { execute } from './upload.operation';

/** Engine keys are int64 numbers as strings (docs/API-CONTRACT.md). */
const ENGINE_PROCESS_INSTANCE = '2251799813685249';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

const fields = {
  binaryPropertyName: 'data',
  decisionSource: 'fields',
  reference: 'TAP-MONS-2026-000123',
  authority: 'sentence_enforcement_court',
  court: "Tribunal de l'application des peines de Mons",
  decisionDate: '2026-11-20',
  measure: 'conditional_release',
  nrn: '85.07.30-033.28',
  lastName: 'Dupont',
  firstNames: 'Jean Marie',
  street: 'Rue de la Gare',
  houseNumber: '12',
  postalCode: '7780',
  generalConditions: ['no_new_offences', 'fixed_address', 'respond_to_summons'],
  particularConditions: {
    condition: [{ type: 'prohibition', category: 'contact_ban', text: ' the victim ' }],
  },
  additionalFields: { municipalityNis: '57097', box: '' },
  options: { waitForRouting: true },
};

const pdfItem = {
  json: {},
  binary: { data: { data: '', mimeType: 'application/pdf', fileName: 'decision.pdf' } },
};

const mandates = [
  { id: 'M-000123-POL', kind: 'police_check', recipientId: 'PZ-5318', status: 'issued' },
  { id: 'M-000123-GUI', kind: 'guidance', recipientId: 'MJ-TOURNAI', status: 'issued' },
];

const routedDecision = {
  id: 'D-000123',
  reference: 'TAP-MONS-2026-000123',
  status: 'routed',
  processInstanceKey: ENGINE_PROCESS_INSTANCE,
  input: { person: { nrn: '85073003328' } },
  routing: { recipients: [{ kind: 'police_check' }, { kind: 'guidance' }] },
  mandates,
};

describe('Upload Decision', () => {
  it('posts the PDF and the fields as a decision, and outputs the decision the platform answers', async () => {
    const context = fakeContext({
      items: [pdfItem],
      parameters: fields,
      binaries: { data: PDF },
      respond: () => ({ statusCode: 201, body: routedDecision }),
    });

    const output = await execute.call(context);

    expect(context.requests).toHaveLength(1);
    expect(context.requests[0]).toEqual(
      expect.objectContaining({ method: 'POST', url: `${BASE_URL}/api/decisions` }),
    );
    expect(context.requests[0].body).toEqual({
      decision: {
        reference: 'TAP-MONS-2026-000123',
        authority: 'sentence_enforcement_court',
        court: "Tribunal de l'application des peines de Mons",
        decisionDate: '2026-11-20',
        measure: 'conditional_release',
        conditions: {
          general: ['no_new_offences', 'fixed_address', 'respond_to_summons'],
          particular: [{ type: 'prohibition', category: 'contact_ban', text: 'the victim' }],
        },
        person: {
          nrn: '85.07.30-033.28',
          lastName: 'Dupont',
          firstNames: 'Jean Marie',
          domicile: { street: 'Rue de la Gare', number: '12', postalCode: '7780', municipalityNis: '57097' },
        },
      },
      document: { fileName: 'decision.pdf', contentBase64: PDF.toString('base64') },
    });
    expect(output).toEqual([{ json: routedDecision, pairedItem: { item: 0 } }]);
  });

  it('waits for the routing when the upload answers before the mandates exist', async () => {
    let reads = 0;
    const context = fakeContext({
      items: [pdfItem],
      parameters: { ...fields, options: { waitForRouting: true, routingTimeout: 5 } },
      binaries: { data: PDF },
      respond: (request) => {
        if (request.method === 'POST') {
          return {
            statusCode: 201,
            body: { ...routedDecision, status: 'received', routing: null, mandates: [] },
          };
        }
        reads++;
        return { statusCode: 200, body: routedDecision };
      },
    });

    const [item] = await execute.call(context);

    expect(reads).toBe(1);
    expect(context.requests[1]).toEqual(
      expect.objectContaining({ method: 'GET', url: `${BASE_URL}/api/decisions/D-000123` }),
    );
    expect(item.json.mandates).toEqual(mandates);
  });

  it('takes a whole decision from JSON', async () => {
    const decision = { reference: 'TAP-MONS-2026-000124', measure: 'probation' };
    const context = fakeContext({
      items: [pdfItem],
      parameters: {
        binaryPropertyName: 'data',
        decisionSource: 'json',
        decisionJson: JSON.stringify(decision),
        options: { waitForRouting: false },
      },
      binaries: { data: PDF },
      respond: () => ({ statusCode: 201, body: { ...routedDecision, status: 'received', mandates: [] } }),
    });

    await execute.call(context);

    expect((context.requests[0].body as { decision: unknown }).decision).toEqual(decision);
    expect(context.requests).toHaveLength(1);
  });

  it("shows the platform's field errors, such as a national register number failing its check digits", async () => {
    const context = fakeContext({
      items: [pdfItem],
      parameters: { ...fields, nrn: '85.07.30-033.62' },
      binaries: { data: PDF },
      respond: () =>
        problem(422, {
          title: 'The decision is not valid',
          code: 'validation_failed',
          detail: 'The decision has 1 error: fix it and upload again',
          errors: [
            {
              field: 'person.nrn',
              code: 'nrn_checksum',
              message:
                'national register number 85.07.30-033.62 fails its check digits: check the number for a typing error',
            },
          ],
        }),
    });

    const error = await rejection(execute.call(context));

    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toBe(
      'national register number 85.07.30-033.62 fails its check digits: check the number for a typing error',
    );
    expect(error.description).toContain('person.nrn: national register number 85.07.30-033.62 fails');
    expect(error.description).toContain('[nrn_checksum]');
  });

  it('continues on fail with an error item in place of the rejected decision', async () => {
    const context = fakeContext({
      items: [pdfItem],
      parameters: fields,
      binaries: { data: PDF },
      continueOnFail: true,
      respond: () =>
        problem(409, {
          code: 'reference_conflict',
          detail: 'reference TAP-MONS-2026-000123 was uploaded with other content: use a new reference',
        }),
    });

    const output = await execute.call(context);

    expect(output).toEqual([
      {
        json: expect.objectContaining({
          error: 'reference TAP-MONS-2026-000123 was uploaded with other content: use a new reference',
          details: expect.stringContaining('HTTP 409'),
        }),
        pairedItem: { item: 0 },
      },
    ]);
  });

  it('names the binary fields the item has when the PDF field is missing', async () => {
    const context = fakeContext({
      items: [{ json: {}, binary: { attachment_0: { data: '', mimeType: 'application/pdf' } } }],
      parameters: fields,
      respond: () => ({ statusCode: 201, body: routedDecision }),
    });

    const error = await rejection(execute.call(context));

    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('The item has no binary field "data"');
    expect(error.description).toContain('this item has: attachment_0');
    expect(context.requests).toHaveLength(0);
  });

  it('refuses a file that is not a PDF', async () => {
    const context = fakeContext({
      items: [{ json: {}, binary: { data: { data: '', mimeType: 'text/plain', fileName: 'notes.txt' } } }],
      parameters: fields,
      binaries: { data: Buffer.from('hello') },
      respond: () => ({ statusCode: 201, body: routedDecision }),
    });

    const error = await rejection(execute.call(context));

    expect(error.message).toBe('The file in "data" (notes.txt, text/plain) is not a PDF');
    expect(context.requests).toHaveLength(0);
  });

  it('refuses decision JSON that does not parse', async () => {
    const context = fakeContext({
      items: [pdfItem],
      parameters: { binaryPropertyName: 'data', decisionSource: 'json', decisionJson: '{ "reference": ' },
      binaries: { data: PDF },
      respond: () => ({ statusCode: 201, body: routedDecision }),
    });

    const error = await rejection(execute.call(context));

    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('Decision is not valid JSON');
    expect(context.requests).toHaveLength(0);
  });
});
