import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BASE_URL, fakeContext, problem, rejection } from '../../__tests__/fake-context';
import { execute } from './revoke.operation';

const decision = { id: 'D-000123', status: 'revoked' };

describe('Decision Lifecycle: Revoke', () => {
  it('posts the reason and outputs the revoked decision', async () => {
    const context = fakeContext({
      parameters: { decisionId: ' D-000123 ', reason: ' Arrested, revoked by the TAP ' },
      respond: () => ({ statusCode: 200, body: decision }),
    });
    expect(await execute.call(context)).toEqual([{ json: decision, pairedItem: { item: 0 } }]);
    expect(context.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: `${BASE_URL}/api/decisions/D-000123/revocation`,
        body: { reason: 'Arrested, revoked by the TAP' },
      }),
    ]);
  });

  it('refuses an empty reason before calling the platform', async () => {
    const context = fakeContext({
      parameters: { decisionId: 'D-000123', reason: '  ' },
      respond: () => ({ statusCode: 200, body: decision }),
    });
    const error = await rejection(execute.call(context));
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('Reason is empty');
    expect(context.requests).toHaveLength(0);
  });

  it("stops with the platform's refusal (not the decision's parquet)", async () => {
    const context = fakeContext({
      parameters: { decisionId: 'D-000123', reason: 'r' },
      respond: () =>
        problem(403, { code: 'forbidden', detail: 'decision D-000123 belongs to PAR-MONS-TOURNAI' }),
    });
    const error = await rejection(execute.call(context));
    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toBe('decision D-000123 belongs to PAR-MONS-TOURNAI');
  });
});
