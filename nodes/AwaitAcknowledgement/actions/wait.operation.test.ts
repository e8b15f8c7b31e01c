import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BASE_URL, fakeContext, problem, rejection } from '../../__tests__/fake-context';
import { fullAcknowledged, fullMandate, statusFields } from '../../__tests__/sample-mandate';
import { execute } from './wait.operation';

const issued = fullMandate;
const acknowledged = fullAcknowledged;
const waitFor = { mandateId: 'M-000123-POL', timeoutAmount: 2, timeoutUnit: 'hours' };
const NOW = new Date('2026-11-26T18:00:00.000Z');

describe('Await Acknowledgement', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('lets an acknowledged mandate through Acknowledged at once, without waiting', async () => {
    const context = fakeContext({
      parameters: waitFor,
      respond: () => ({ statusCode: 200, body: acknowledged }),
    });

    const output = await execute.call(context);

    // Exactly the mandate's ids and status: not the person, the address or the court's conditions.
    expect(output).toEqual([[{ json: statusFields(acknowledged), pairedItem: { item: 0 } }], []]);
    expect(Object.keys(output[0]![0]!.json)).toEqual(Object.keys(statusFields(acknowledged)));
    expect(context.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${BASE_URL}/api/mandates/M-000123-POL`,
    ]);
    expect(context.waitTill).toBeUndefined();
  });

  it("registers the execution's resume URL as the callback and waits until the timeout", async () => {
    const context = fakeContext({
      parameters: waitFor,
      resumeUrl: 'http://127.0.0.1:5678/webhook-waiting/41?signature=abc',
      respond: (request) =>
        request.method === 'GET'
          ? { statusCode: 200, body: issued }
          : { statusCode: 201, body: { id: 'C-1' } },
    });

    const output = await execute.call(context);

    expect(context.requests[1]).toEqual(
      expect.objectContaining({
        method: 'POST',
        url: `${BASE_URL}/api/mandates/M-000123-POL/callbacks`,
        body: { url: 'http://127.0.0.1:5678/webhook-waiting/41?signature=abc&iplusMandate=M-000123-POL' },
      }),
    );
    expect(context.waitTill).toEqual(new Date(NOW.getTime() + 2 * 3_600_000));
    const timedOut = [{ json: statusFields(issued), pairedItem: { item: 0 } }];
    expect(output).toEqual([[], timedOut]);
    // What n8n forwards if the wait ends on its timeout: nothing on Acknowledged, the mandate on Timed Out.
    expect(context.executeData.data.main).toEqual([[], timedOut]);
    expect(context.executeData.metadata).toEqual(expect.objectContaining({ forwardAllOutputs: true }));
  });

  it("stops with the platform's detail when the mandate cannot be read", async () => {
    const context = fakeContext({
      parameters: waitFor,
      respond: () =>
        problem(403, {
          code: 'forbidden',
          detail: 'mandate M-000123-POL is addressed to another agency: use a token of PZ-5318',
        }),
    });

    const error = await rejection(execute.call(context));

    expect(error).toBeInstanceOf(NodeApiError);
    expect(error.message).toBe('mandate M-000123-POL is addressed to another agency: use a token of PZ-5318');
    expect((error as unknown as NodeApiError).context.itemIndex).toBe(0);
  });

  it('continues on fail through Acknowledged with an error item, as n8n does for regular outputs', async () => {
    const context = fakeContext({
      parameters: waitFor,
      continueOnFail: true,
      respond: (request) =>
        request.method === 'GET'
          ? { statusCode: 200, body: issued }
          : problem(422, { code: 'invalid_url', detail: 'callback url must be http or https' }),
    });

    const output = await execute.call(context);

    expect(output).toEqual([
      [
        {
          json: expect.objectContaining({ error: 'callback url must be http or https' }),
          pairedItem: { item: 0 },
        },
      ],
      [],
    ]);
    expect(context.waitTill).toBeUndefined();
  });

  it.each([
    [{ mandateId: '' }, 'Mandate ID is empty'],
    [{ timeoutAmount: 0 }, 'Timeout "0 hours" is not a length of time'],
  ])('refuses bad input %j', async (parameters, message) => {
    const context = fakeContext({
      parameters: { ...waitFor, ...parameters },
      respond: (request) =>
        request.method === 'GET' ? { statusCode: 200, body: issued } : { statusCode: 201, body: {} },
    });

    const error = await rejection(execute.call(context));

    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe(message);
    expect(context.waitTill).toBeUndefined();
  });

  it('refuses to wait for several mandates in one execution, and says how to wait for each', async () => {
    const context = fakeContext({
      items: [{ json: {} }, { json: {} }, { json: {} }],
      itemParameters: [{ mandateId: 'M-1-POL' }, { mandateId: 'M-1-GUI' }, { mandateId: 'M-1-MON' }],
      parameters: waitFor,
      respond: (request) => ({
        statusCode: 200,
        body: request.url.endsWith('M-1-GUI')
          ? { ...acknowledged, id: 'M-1-GUI' }
          : { ...issued, id: request.url.split('/').pop() },
      }),
    });

    const error = await rejection(execute.call(context));

    expect(error).toBeInstanceOf(NodeOperationError);
    expect(error.message).toBe(
      'Await Acknowledgement waits for one mandate per execution, but it got 3 items and 2 of their mandates are not acknowledged yet (M-1-POL, M-1-MON)',
    );
    expect(error.description).toContain('Execute Workflow');
    expect(context.waitTill).toBeUndefined();
  });
});
