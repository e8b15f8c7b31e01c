import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BASE_URL, fakeContext, problem, rejection } from '../../__tests__/fake-context';
import { execute } from './create.operation';

const signalement = {
  id: 'S-000123',
  decisionId: 'D-000123',
  register: 'iplus-register',
  status: 'active',
};

describe('Create BNG Signalement', () => {
  it('creates the signalement of a decision given by id', async () => {
    const context = fakeContext({
      parameters: { decisionSource: 'id', decisionId: ' D-000123 ' },
      respond: () => ({ statusCode: 201, body: signalement }),
    });

    const output = await execute.call(context);

    expect(output).toEqual([{ json: signalement, pairedItem: { item: 0 } }]);
    expect(context.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: `${BASE_URL}/api/signalements`,
        body: { decisionId: 'D-000123' },
      }),
    ]);
  });

  it('takes the id from whole decision data, as an object or as JSON text', async () => {
    const context = fakeContext({
      items: [{ json: {} }, { json: {} }],
      itemParameters: [
        { decision: { id: 'D-000123', status: 'routed', mandates: [] } },
        { decision: '{ "id": "D-000124", "reference": "TAP-MONS-2026-000124" }' },
      ],
      parameters: { decisionSource: 'data' },
      respond: (request) => ({
        statusCode: 200,
        body: { ...signalement, decisionId: (request.body as { decisionId: string }).decisionId },
      }),
    });

    await execute.call(context);

    expect(context.requests.map((r) => r.body)).toEqual([
      { decisionId: 'D-000123' },
      { decisionId: 'D-000124' },
    ]);
  });

  it("stops with the platform's detail when the decision cannot be flagged", async () => {
    const context = fakeContext({
      parameters: { decisionSource: 'id', decisionId: 'D-000200' },
      respond: () =>
        problem(409, {
          code: 'old_channel',
          detail:
            'decision D-000200 went to the old channel (region not live): its signalement is made by the coordinator',
        }),
    });

    const error = await rejection(execute.call(context));

    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toBe(
      'decision D-000200 went to the old channel (region not live): its signalement is made by the coordinator',
    );
    expect((error as unknown as NodeApiError).context.itemIndex).toBe(0);
  });

  it('continues on fail with an error item for the failed decision only', async () => {
    const context = fakeContext({
      items: [{ json: {} }, { json: {} }],
      itemParameters: [{ decisionId: 'D-000123' }, { decisionId: 'D-404' }],
      parameters: { decisionSource: 'id' },
      continueOnFail: true,
      respond: (request) =>
        (request.body as { decisionId: string }).decisionId === 'D-404'
          ? problem(404, { code: 'decision_not_found', detail: 'decision D-404 does not exist' })
          : { statusCode: 201, body: signalement },
    });

    const output = await execute.call(context);

    expect(output[0]).toEqual({ json: signalement, pairedItem: { item: 0 } });
    expect(output[1]).toEqual({
      json: expect.objectContaining({ error: 'decision D-404 does not exist' }),
      pairedItem: { item: 1 },
    });
  });

  it.each([
    [{ decisionSource: 'id', decisionId: '' }, 'Decision ID is empty'],
    [{ decisionSource: 'data', decision: '{ not json' }, 'Decision is not valid JSON'],
    [{ decisionSource: 'data', decision: { reference: 'TAP-MONS-2026-1' } }, 'The decision data has no "id"'],
  ])('refuses bad input %j before calling the platform', async (parameters, message) => {
    const context = fakeContext({ parameters, respond: () => ({ statusCode: 201, body: signalement }) });

    const error = await rejection(execute.call(context));

    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe(message);
    expect(context.requests).toHaveLength(0);
  });
});
