import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { BASE_URL, fakeContext, problem, rejection } from '../../__tests__/fake-context';
import { searchRecipients } from './search-recipients';

const agencies = [
  { id: 'PZ-5318', kind: 'police_zone', name: { fr: 'Comines-Warneton', nl: 'Komen-Waasten' } },
  { id: 'PZ-5462', kind: 'police_zone', name: { nl: 'Westkust' } },
];

describe('recipient search of Issue Mandate', () => {
  it('lists the agencies of the kind that receives the chosen mandate kind, filtered by the search', async () => {
    const context = fakeContext({
      parameters: { kind: 'police_check' },
      respond: () => ({ statusCode: 200, body: agencies }),
    }) as unknown as ILoadOptionsFunctions & { requests: Array<{ url: string; qs?: object }> };

    const result = await searchRecipients.call(context, 'com');

    expect(context.requests[0]).toEqual(
      expect.objectContaining({ url: `${BASE_URL}/api/agencies`, qs: { kind: 'police_zone', q: 'com' } }),
    );
    expect(result.results).toEqual([
      { name: 'PZ-5318 · Comines-Warneton', value: 'PZ-5318' },
      { name: 'PZ-5462 · Westkust', value: 'PZ-5462' },
    ]);
  });

  it("shows the platform's problem when the list cannot be loaded", async () => {
    const context = fakeContext({
      parameters: { kind: 'guidance' },
      respond: () => problem(401, { code: 'unauthenticated', detail: 'the API token is unknown or revoked' }),
    }) as unknown as ILoadOptionsFunctions;

    const error = await rejection(searchRecipients.call(context));

    expect(error.message).toBe('the API token is unknown or revoked');
  });
});
