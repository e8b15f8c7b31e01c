import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BASE_URL, fakeContext, problem, rejection } from '../../__tests__/fake-context';
import { fullMandate, statusFields } from '../../__tests__/sample-mandate';
import { execute } from './issue.operation';

/** The platform answers with the mandate as its issuer may read it (person, conditions). */
const mandate = fullMandate;

const routed = { decisionId: 'D-000123', kind: 'police_check', recipientMode: 'route', deadline: '' };

describe('Issue Mandate', () => {
  it('posts the mandate, routed automatically, and outputs it paired with its item', async () => {
    const context = fakeContext({
      parameters: routed,
      respond: () => ({ statusCode: 201, body: mandate }),
    });

    const output = await execute.call(context);

    // The output is the mandate's ids and status only: nothing of the decision flows on.
    expect(output).toEqual([{ json: statusFields(mandate), pairedItem: { item: 0 } }]);
    expect(Object.keys(output[0]!.json)).toEqual(Object.keys(statusFields(mandate)));
    expect(context.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: `${BASE_URL}/api/mandates`,
        body: { decisionId: 'D-000123', kind: 'police_check' },
        headers: { 'X-Justification': 'n8n workflow "iplus test workflow", node "iplus node"' },
      }),
    ]);
  });

  it('sends the chosen agency and the deadline', async () => {
    const context = fakeContext({
      parameters: {
        ...routed,
        kind: 'guidance',
        recipientMode: 'agency',
        recipient: { __rl: true, mode: 'list', value: 'MJ-TOURNAI' },
        deadline: 'PT48H',
      },
      respond: () => ({ statusCode: 201, body: { ...mandate, kind: 'guidance', recipientId: 'MJ-TOURNAI' } }),
    });

    await execute.call(context);

    expect(context.requests[0].body).toEqual({
      decisionId: 'D-000123',
      kind: 'guidance',
      recipientId: 'MJ-TOURNAI',
      deadline: 'PT48H',
    });
  });

  it("stops with the platform's problem detail and the item's index", async () => {
    const context = fakeContext({
      items: [{ json: {} }, { json: {} }],
      itemParameters: [{}, { decisionId: 'D-999999' }],
      parameters: routed,
      respond: (request) =>
        (request.body as { decisionId: string }).decisionId === 'D-999999'
          ? problem(404, {
              title: 'Not found',
              code: 'decision_not_found',
              detail: 'decision D-999999 does not exist: check the decision id',
            })
          : { statusCode: 201, body: mandate },
    });

    const error = await rejection(execute.call(context));

    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toBe('decision D-999999 does not exist: check the decision id');
    expect(error.description).toContain('decision_not_found');
    expect((error as unknown as NodeApiError).context.itemIndex).toBe(1);
    expect((error as unknown as NodeApiError).httpCode).toBe('404');
  });

  it('outputs an error item in the failed item’s place when set to continue on fail', async () => {
    const context = fakeContext({
      items: [{ json: {} }, { json: {} }],
      itemParameters: [{ decisionId: 'D-999999' }, {}],
      parameters: routed,
      continueOnFail: true,
      respond: (request) =>
        (request.body as { decisionId: string }).decisionId === 'D-999999'
          ? problem(404, { code: 'decision_not_found', detail: 'decision D-999999 does not exist' })
          : { statusCode: 201, body: mandate },
    });

    const output = await execute.call(context);

    expect(output).toEqual([
      {
        json: { error: 'decision D-999999 does not exist', details: expect.stringContaining('HTTP 404') },
        pairedItem: { item: 0 },
      },
      { json: statusFields(mandate), pairedItem: { item: 1 } },
    ]);
  });

  it.each([
    [{ decisionId: '  ' }, 'Decision ID is empty'],
    [{ deadline: 'tomorrow' }, 'Deadline "tomorrow" is not a duration or a date and time'],
    [{ kind: 'visit' }, 'Kind "visit" is not a kind of mandate'],
    [{ recipientMode: 'agency', recipient: { __rl: true, mode: 'id', value: '' } }, 'Agency is empty'],
  ])('refuses bad input %j before calling the platform', async (parameters, message) => {
    const context = fakeContext({
      parameters: { ...routed, ...parameters },
      respond: () => ({ statusCode: 201, body: mandate }),
    });

    const error = await rejection(execute.call(context));

    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe(message);
    expect(context.requests).toHaveLength(0);
  });

  it('says to check the base URL when the platform cannot be reached', async () => {
    const context = fakeContext({
      parameters: routed,
      respond: () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8080'), { code: 'ECONNREFUSED' });
      },
    });

    const error = await rejection(execute.call(context));

    expect(error.message).toBe(`Could not reach the iplus platform at ${BASE_URL}`);
    expect(error.description).toMatch(/^ECONNREFUSED: .*Check the Base URL/);
  });
});
