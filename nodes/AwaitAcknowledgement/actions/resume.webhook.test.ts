import { BASE_URL, fakeContext } from '../../__tests__/fake-context';
import { fullAcknowledged, statusFields } from '../../__tests__/sample-mandate';
import { webhook } from './resume.webhook';

const acknowledged = fullAcknowledged;
const callback = { event: 'mandate.acknowledged', mandate: { id: 'M-000123-POL', status: 'acknowledged' } };
const query = { signature: 'abc', iplusMandate: 'M-000123-POL' };

describe('Await Acknowledgement resume webhook', () => {
  it('resumes through Acknowledged with the mandate as the platform holds it: its ids and status only', async () => {
    const context = fakeContext({
      body: callback,
      query,
      respond: () => ({ statusCode: 200, body: acknowledged }),
    });

    const result = await webhook.call(context);

    expect(context.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${BASE_URL}/api/mandates/M-000123-POL`,
    ]);
    expect(result.workflowData).toEqual([
      [{ json: statusFields(acknowledged), pairedItem: { item: 0 } }],
      [],
    ]);
    expect(JSON.stringify(result.workflowData)).not.toMatch(/Dupont|85073003328|Rue de la Gare|victim/);
  });

  it('keeps waiting, and answers 400, for a callback about another mandate', async () => {
    const context = fakeContext({
      body: { ...callback, mandate: { id: 'M-000999-POL' } },
      query,
      respond: () => ({ statusCode: 200, body: acknowledged }),
    });

    const result = await webhook.call(context);

    expect(result).toEqual({ noWebhookResponse: true });
    expect(context.response.status).toBe(400);
    expect(context.requests).toHaveLength(0);
  });

  it('keeps waiting, and answers 400, for something that is not an acknowledgement', async () => {
    const context = fakeContext({
      body: { event: 'mandate.reported' },
      query,
      respond: () => ({ statusCode: 200, body: acknowledged }),
    });

    expect(await webhook.call(context)).toEqual({ noWebhookResponse: true });
    expect(context.response.status).toBe(400);
  });

  it('keeps waiting, and answers 409 so the platform retries, while the mandate is not acknowledged', async () => {
    const context = fakeContext({
      body: callback,
      query,
      respond: () => ({ statusCode: 200, body: { ...acknowledged, status: 'issued' } }),
    });

    expect(await webhook.call(context)).toEqual({ noWebhookResponse: true });
    expect(context.response.status).toBe(409);
  });
});
