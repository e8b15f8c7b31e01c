import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BASE_URL, fakeContext, problem, rejection } from '../../__tests__/fake-context';
import { execute } from './revise.operation';

const decision = { id: 'D-000123', reference: 'TAP-MONS-2026-000123', status: 'routed' };
const revision = {
  decisionId: 'D-000123',
  changeConditions: true,
  generalConditions: ['no_new_offences', 'fixed_address'],
  particularConditions: {
    condition: [{ type: 'obligation', category: 'treatment', text: ' follow a treatment ' }],
  },
  measureEnd: '2027-12-31',
  reason: 'TAP Mons, judgment of 2026-12-01',
};

describe('Decision Lifecycle: Revise', () => {
  it('posts the new conditions, end and reason, and outputs the revised decision paired with its item', async () => {
    const context = fakeContext({
      parameters: revision,
      respond: () => ({ statusCode: 200, body: decision }),
    });

    const output = await execute.call(context);

    expect(output).toEqual([{ json: decision, pairedItem: { item: 0 } }]);
    expect(context.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: `${BASE_URL}/api/decisions/D-000123/revision`,
        body: {
          conditions: {
            general: ['no_new_offences', 'fixed_address'],
            particular: [{ type: 'obligation', category: 'treatment', text: 'follow a treatment' }],
          },
          measureEnd: '2027-12-31',
          reason: 'TAP Mons, judgment of 2026-12-01',
        },
      }),
    ]);
  });

  it('revises the end alone when the conditions stay', async () => {
    const context = fakeContext({
      parameters: { ...revision, changeConditions: false, reason: '' },
      respond: () => ({ statusCode: 200, body: decision }),
    });
    await execute.call(context);
    expect(context.requests[0].body).toEqual({ measureEnd: '2027-12-31' });
  });

  it("stops with the platform's refusal of an ended measure, naming the item", async () => {
    const context = fakeContext({
      parameters: revision,
      respond: () =>
        problem(409, {
          title: 'Conflict',
          code: 'measure_ended',
          detail: 'the measure of D-000123 has ended',
        }),
    });
    const error = await rejection(execute.call(context));
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toBe('the measure of D-000123 has ended');
    expect((error as unknown as NodeApiError).httpCode).toBe('409');
  });

  it('outputs an error item when set to continue on fail', async () => {
    const context = fakeContext({
      items: [{ json: {} }, { json: {} }],
      itemParameters: [{ decisionId: 'D-999999' }, {}],
      parameters: revision,
      continueOnFail: true,
      respond: (request) =>
        String(request.url).includes('D-999999')
          ? problem(404, { code: 'not_found', detail: 'decision D-999999 does not exist; check the id.' })
          : { statusCode: 200, body: decision },
    });
    const output = await execute.call(context);
    expect(output).toEqual([
      {
        json: { error: 'decision D-999999 does not exist; check the id.', details: expect.any(String) },
        pairedItem: { item: 0 },
      },
      { json: decision, pairedItem: { item: 1 } },
    ]);
  });

  it.each([
    [{ decisionId: '' }, 'Decision ID is empty'],
    [{ measureEnd: '31/12/2027' }, 'New Measure End "31/12/2027" is not a date'],
    [{ changeConditions: false, measureEnd: '' }, 'Nothing to revise'],
  ])('refuses bad input %j before calling the platform', async (parameters, message) => {
    const context = fakeContext({
      parameters: { ...revision, ...parameters },
      respond: () => ({ statusCode: 200, body: decision }),
    });
    const error = await rejection(execute.call(context));
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe(message);
    expect(context.requests).toHaveLength(0);
  });
});
