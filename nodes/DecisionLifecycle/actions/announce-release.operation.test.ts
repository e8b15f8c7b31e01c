import { NodeOperationError } from 'n8n-workflow';

import { BASE_URL, fakeContext, problem, rejection } from '../../__tests__/fake-context';
import { execute } from './announce-release.operation';

const release = { decisionId: 'D-000123', releasedAt: '2026-12-01T09:30:00+01:00', addressMode: 'domicile' };
const decision = { id: 'D-000123', status: 'routed' };

describe('Decision Lifecycle: Announce Release', () => {
  it('posts the release time in UTC and outputs the decision', async () => {
    const context = fakeContext({
      parameters: release,
      respond: () => ({ statusCode: 200, body: decision }),
    });
    expect(await execute.call(context)).toEqual([{ json: decision, pairedItem: { item: 0 } }]);
    expect(context.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: `${BASE_URL}/api/decisions/D-000123/release`,
        body: { releasedAt: '2026-12-01T08:30:00.000Z' },
      }),
    ]);
  });

  it('sends another address on release when chosen', async () => {
    const context = fakeContext({
      parameters: {
        ...release,
        addressMode: 'other',
        releaseStreet: 'Rue Royale',
        releaseNumber: '10',
        releaseBox: '',
        releasePostalCode: '7500',
        releaseMunicipalityNis: '',
      },
      respond: () => ({ statusCode: 200, body: decision }),
    });
    await execute.call(context);
    expect(context.requests[0].body).toEqual({
      releasedAt: '2026-12-01T08:30:00.000Z',
      address: { street: 'Rue Royale', number: '10', postalCode: '7500' },
    });
  });

  it('refuses a time that is not one, before calling the platform', async () => {
    const context = fakeContext({
      parameters: { ...release, releasedAt: 'tomorrow morning' },
      respond: () => ({ statusCode: 200, body: decision }),
    });
    const error = await rejection(execute.call(context));
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe('Released At "tomorrow morning" is not a date and time');
    expect(context.requests).toHaveLength(0);
  });

  it("stops with the platform's 409 for a decision not awaiting a release", async () => {
    const context = fakeContext({
      parameters: release,
      respond: () =>
        problem(409, { code: 'not_awaiting_release', detail: 'D-000123 is not awaiting a release' }),
    });
    const error = await rejection(execute.call(context));
    expect(error.message).toBe('D-000123 is not awaiting a release');
  });
});
