import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ZBClient } from 'zeebe-node';
import { startEngineProcess, eventually, type EngineProcess } from '../__fixtures__/engine-process';
import { cominesDecision, jsonUpload } from '../__fixtures__/sample-decision';
import { startTestPlatform, type TestPlatform } from '../__fixtures__/test-platform';

interface Mandate {
  id: string;
  status: string;
  deadline: string;
  issuedAt: string;
  acknowledgedAt: string | null;
  overdue: boolean;
  escalatedAt: string | null;
  report: { breach: boolean } | null;
}
interface Notification {
  kind: string;
  agencyId: string;
  mandateId?: string;
}

// A mandate issued by hand, followed up by process mandate-follow-up on the real engine (over gRPC):
// acknowledgement, callbacks, report with breach, escalation past a short deadline.
describe('mandate follow-up with the real engine', () => {
  jest.setTimeout(90_000);
  let engine: EngineProcess;
  let t: TestPlatform;
  let decisionId: string;

  beforeAll(async () => {
    engine = await startEngineProcess();
    t = await startTestPlatform({
      zeebeAddress: engine.address,
      engineConnection: engine.connection,
      callbackAllow: ['127.0.0.1'],
    });
    await eventually(
      async () => {
        const h = (await (await fetch(`${t.url}/health`)).json()) as {
          parts: { workers: { status: string } };
        };
        return h.parts.workers.status === 'up' ? true : undefined;
      },
      30_000,
      'job workers',
    );
    const up = await t.as<{ id: string }>(
      'clerk.mons',
      'POST',
      '/api/decisions',
      jsonUpload(cominesDecision('TAP-MONS-2026-FOLLOW')),
    );
    decisionId = up.body.id;
  });
  afterAll(async () => {
    await t?.close();
    await engine?.stop();
  });

  const issue = (deadline: string) =>
    t.as<Mandate>('clerk.mons', 'POST', '/api/mandates', {
      decisionId,
      kind: 'police_check',
      recipientId: 'PZ-5318',
      deadline,
    });

  it('acknowledging fires the callback (retried after failures) and a breach report reaches the parquet', async () => {
    const received: unknown[] = [];
    let failuresLeft = 2;
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (failuresLeft-- > 0) return void res.writeHead(500).end();
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const m = await issue('PT1H');
      expect(m.status).toBe(201);
      const inbox = await t.as<{ items: Mandate[] }>('agent.comines', 'GET', '/api/mandates?status=issued');
      expect(inbox.body.items.map((x) => x.id)).toContain(m.body.id);
      expect((await t.as('assistant.tournai', 'GET', `/api/mandates/${m.body.id}`)).status).toBe(403);

      const port = (receiver.address() as AddressInfo).port;
      const cb = await t.as('agent.comines', 'POST', `/api/mandates/${m.body.id}/callbacks`, {
        url: `http://127.0.0.1:${port}/hook`,
      });
      expect(cb.status).toBe(201);
      const ack = await t.as<Mandate>('agent.comines', 'POST', `/api/mandates/${m.body.id}/acknowledge`, {});
      expect(ack.body.status).toBe('acknowledged');
      const delivered = await eventually(
        async () => (received.length > 0 ? received[0] : undefined),
        20_000,
        'callback',
      );
      // Exactly these fields: the mandate's ids and status, nothing of the decision.
      expect(delivered).toEqual({
        event: 'mandate.acknowledged',
        callbackId: (cb.body as { id: string }).id,
        mandate: {
          id: m.body.id,
          decisionId,
          kind: 'police_check',
          recipientId: 'PZ-5318',
          status: 'acknowledged',
          deadline: ack.body.deadline,
          overdue: false,
          issuedAt: ack.body.issuedAt,
          acknowledgedAt: ack.body.acknowledgedAt,
          acknowledgedBy: 'agent.comines',
          report: null,
        },
      });
      expect(JSON.stringify(delivered)).not.toMatch(
        /Dupont|Jean Marie|85073003328|1985-07-30|Rue de la Gare|victim/i,
      );

      const report = await t.as<Mandate>('agent.comines', 'POST', `/api/mandates/${m.body.id}/report`, {
        outcome: 'person_absent',
        text: 'nobody home twice',
      });
      expect(report.body.report!.breach).toBe(true);
      const breach = await eventually(
        async () => {
          const n = await t.as<{ items: Notification[] }>(
            'clerk.mons',
            'GET',
            '/api/notifications?kind=breach',
          );
          return n.body.items.find((x) => x.mandateId === m.body.id);
        },
        15_000,
        'breach notification',
      );
      expect(breach.agencyId).toBe('PAR-MONS-TOURNAI');
    } finally {
      receiver.close();
    }
  });

  it('a mandate not acknowledged before its deadline escalates to the Hainaut coordinator', async () => {
    const m = await issue('PT1S');
    const escalation = await eventually(
      async () => {
        const n = await t.as<{ items: Notification[] }>(
          'coord.hainaut',
          'GET',
          '/api/notifications?kind=escalation',
        );
        return n.body.items.find((x) => x.mandateId === m.body.id);
      },
      20_000,
      'escalation',
    );
    expect(escalation.agencyId).toBe('COORD-BE-WHT');
    const after = await t.as<Mandate>('agent.comines', 'GET', `/api/mandates/${m.body.id}`);
    expect(after.body).toMatchObject({ overdue: true, status: 'issued' });
    expect(after.body.escalatedAt).not.toBeNull();
    // The wait goes on: acknowledging late still works.
    expect(
      (await t.as<Mandate>('agent.comines', 'POST', `/api/mandates/${m.body.id}/acknowledge`, {})).body
        .status,
    ).toBe('acknowledged');
  });
  it('a second follow-up of a hand-issued mandate, left by a crash, is cancelled by its first step and takes no message', async () => {
    const rest = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${engine.restAddress}${url}`, {
        method,
        headers: { authorization: engine.authorization, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as T;
    };
    interface Variable {
      name: string;
      value: string;
      scopeKey: string;
      processInstanceKey: string;
    }
    const variables = async (filter: Record<string, unknown>) =>
      (await rest<{ items: Variable[] }>('POST', '/v2/variables/search', { filter, page: { limit: 100 } }))
        .items;
    const passed = async (instance: string, elementId: string) =>
      (
        await rest<{ items: unknown[] }>('POST', '/v2/element-instances/search', {
          filter: { processInstanceKey: instance, elementId, state: 'COMPLETED' },
        })
      ).items.length === 1 || undefined;

    const m = await issue('PT1H');
    const mandateId = m.body.id;
    // the follow-up the outbox started and recorded, past its first step
    const recorded = await eventually(
      async () => {
        const keys = (await variables({ name: 'mandateId', value: JSON.stringify(mandateId) }))
          .filter((v) => v.scopeKey === v.processInstanceKey)
          .map((v) => v.processInstanceKey);
        return keys.length === 1 ? keys[0] : undefined;
      },
      20_000,
      'the follow-up',
    );
    await eventually(() => passed(recorded, 'RecordFollowUp'), 20_000, 'its first step');

    // what a kill between the start and recording its key leaves: a second instance, same variables
    const start = Object.fromEntries(
      (await variables({ processInstanceKey: recorded, scopeKey: recorded })).map((v) => [
        v.name,
        JSON.parse(v.value) as string,
      ]),
    );
    expect(start).toMatchObject({ mandateId, recordFollowUp: true });
    const zeebe = new ZBClient(engine.address, {
      basicAuth: engine.basicAuth,
      loglevel: 'NONE',
      retry: false,
    });
    try {
      const dup = await zeebe.createProcessInstance({ bpmnProcessId: 'mandate-follow-up', variables: start });
      const dupKey = String(dup.processInstanceKey);
      await eventually(
        async () =>
          (await rest<{ state: string }>('GET', `/v2/process-instances/${dupKey}`)).state === 'TERMINATED' ||
          undefined,
        20_000,
        'the duplicate cancelled',
      );
      // the acknowledgement reaches the recorded follow-up
      const ack = await t.as<Mandate>('agent.comines', 'POST', `/api/mandates/${mandateId}/acknowledge`, {});
      expect(ack.body.status).toBe('acknowledged');
      await eventually(
        () => passed(recorded, 'MandateAcknowledged'),
        20_000,
        'the recorded one acknowledged',
      );
      expect(await passed(dupKey, 'MandateAcknowledged')).toBeUndefined();
    } finally {
      await zeebe.close();
    }
  });
});
