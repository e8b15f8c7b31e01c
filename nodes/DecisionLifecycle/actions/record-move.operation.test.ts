import { NodeOperationError } from 'n8n-workflow';

import { BASE_URL, fakeContext, rejection } from '../../__tests__/fake-context';
import { execute } from './record-move.operation';

const move = {
  decisionId: 'D-000123',
  newStreet: 'Grand-Place',
  newNumber: '1',
  newBox: '',
  newPostalCode: '7500',
  newMunicipalityNis: '57081',
  note: 'found at the new address',
};

describe('Decision Lifecycle: Record Move', () => {
  it('posts the new domicile and the note; a police zone gets the move id back', async () => {
    const context = fakeContext({
      parameters: move,
      respond: () => ({ statusCode: 202, body: { moveId: 'MV-000001' } }),
    });
    expect(await execute.call(context)).toEqual([{ json: { moveId: 'MV-000001' }, pairedItem: { item: 0 } }]);
    expect(context.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: `${BASE_URL}/api/decisions/D-000123/moves`,
        body: {
          domicile: { street: 'Grand-Place', number: '1', postalCode: '7500', municipalityNis: '57081' },
          note: 'found at the new address',
        },
      }),
    ]);
  });

  it('sends the box and leaves out an empty NIS code and note', async () => {
    const context = fakeContext({
      parameters: { ...move, newBox: '2B', newMunicipalityNis: ' ', note: '' },
      respond: () => ({ statusCode: 200, body: { id: 'D-000123' } }),
    });
    await execute.call(context);
    expect(context.requests[0].body).toEqual({
      domicile: { street: 'Grand-Place', number: '1', box: '2B', postalCode: '7500' },
    });
  });

  it.each([
    [{ newStreet: '' }, 'Street is empty'],
    [{ newNumber: ' ' }, 'House Number is empty'],
    [{ newPostalCode: '' }, 'Postal Code is empty'],
    [{ decisionId: '' }, 'Decision ID is empty'],
  ])('refuses %j before calling the platform', async (parameters, message) => {
    const context = fakeContext({
      parameters: { ...move, ...parameters },
      respond: () => ({ statusCode: 200, body: {} }),
    });
    const error = await rejection(execute.call(context));
    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe(message);
    expect(context.requests).toHaveLength(0);
  });
});
