import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { ZBClient } from 'zeebe-node';
import { loadGatewayService } from '../../../engine/src/gateway/proto';
import { startAdversarialPlatform, type AdversarialPlatform } from '../support/adversarial-platform';

jest.setTimeout(120_000);

const UNAUTHENTICATED = 16;
const ROUTING_WHT = path.resolve(__dirname, '..', '..', '..', 'bpmn', 'routing', 'BE-WHT.dmn');
const COMINES = { nis: '57097' };

/**
 * Issue 12, "The engine has no door": a process on the machine reached the Zeebe gateway and the
 * engine's read API without any credential, deployed a changed routing table (a Comines-Warneton
 * police mandate then went elsewhere) and cancelled process instances so that escalations never fire.
 * Given `iplus engine` (credentials required) and the platform on it, with one routed decision, when
 * a local process without the engine's credentials (or with guessed ones) tries the same, then every
 * call is refused (UNAUTHENTICATED / 401) and nothing in the engine changed.
 */
describe('attack: a local process drives the engine without its credentials', () => {
  let adv: AdversarialPlatform;
  let platformClient: ZBClient;
  const intruders: Array<[string, ZBClient]> = [];
  let processInstanceKey: string;

  const routingVersion = async () =>
    (await platformClient.evaluateDecision({ decisionId: 'routing-BE-WHT', variables: COMINES }))
      .decisionVersion;

  beforeAll(async () => {
    adv = await startAdversarialPlatform();
    platformClient = new ZBClient(adv.engine.address, {
      useTLS: false,
      loglevel: 'NONE',
      retry: false,
      basicAuth: adv.engine.basicAuth,
    });
    const base = { useTLS: false, loglevel: 'NONE' as const, retry: false };
    intruders.push(
      ['no credentials', new ZBClient(adv.engine.address, base)],
      [
        'a guessed secret',
        new ZBClient(adv.engine.address, {
          ...base,
          basicAuth: { username: adv.engine.basicAuth.username, password: 'iplus' },
        }),
      ],
      [
        'the demo admin password',
        new ZBClient(adv.engine.address, {
          ...base,
          basicAuth: { username: 'admin', password: adv.t.creds.admin!.password },
        }),
      ],
    );
    processInstanceKey = adv.query<{ process_instance_key: string }>(
      'SELECT process_instance_key FROM decisions WHERE id = ?',
      adv.seed.decisionId,
    )[0]!.process_instance_key;
  });
  afterAll(async () => {
    for (const [, c] of intruders) await c.close();
    await platformClient?.close();
    await adv?.close();
  });

  it('deploying a changed routing table is refused, and the routing stays what the coordinator deployed', async () => {
    const before = await routingVersion();
    const changed = fs
      .readFileSync(ROUTING_WHT, 'utf8')
      .replace('Where a case goes', 'Where the intruder says');
    for (const [who, intruder] of intruders) {
      await expect(
        intruder.deployResource({ name: 'BE-WHT.dmn', decision: Buffer.from(changed) }),
      ).rejects.toMatchObject({ code: UNAUTHENTICATED });
      expect([who, await routingVersion()]).toEqual([who, before]);
    }
  });

  it('cancelling the decision process (so its escalations never fire) is refused, and it still runs', async () => {
    for (const [who, intruder] of intruders) {
      const refusal = await intruder.cancelProcessInstance(processInstanceKey).then(
        () => 'accepted',
        (e: { code: number; details: string }) => `${e.code} ${e.details}`,
      );
      expect([who, refusal]).toEqual([
        who,
        expect.stringMatching(/^16 (no credentials|wrong client id or secret)/),
      ]);
    }
    const instance = await fetch(`${adv.engine.restAddress}/v2/process-instances/${processInstanceKey}`, {
      headers: { authorization: adv.engine.authorization },
    });
    expect(((await instance.json()) as { state: string }).state).toBe('ACTIVE');
  });

  it('taking the platform jobs, acknowledging a mandate or broadcasting a signal is refused', async () => {
    // ActivateJobs through plain gRPC: zeebe-node's activateJobs waits for a message and never reports a refused stream
    const Gateway = grpc.makeGenericClientConstructor(loadGatewayService(), 'Gateway');
    const raw = new Gateway(adv.engine.address, grpc.credentials.createInsecure()) as unknown as {
      ActivateJobs(request: object, metadata: grpc.Metadata): grpc.ClientReadableStream<unknown>;
      close(): void;
    };
    for (const authorization of [
      undefined,
      `Basic ${Buffer.from('iplus-platform:iplus').toString('base64')}`,
    ]) {
      const metadata = new grpc.Metadata();
      if (authorization) metadata.set('authorization', authorization);
      const call = raw.ActivateJobs(
        {
          type: 'issue-mandate',
          worker: 'intruder',
          maxJobsToActivate: 10,
          timeout: 60_000,
          requestTimeout: 500,
        },
        metadata,
      );
      let jobs = 0;
      call.on('data', () => jobs++);
      const status = await new Promise<number>((resolve) => {
        call.on('error', (e: grpc.ServiceError) => resolve(e.code));
        call.on('end', () => resolve(0));
      });
      expect({ status, jobs }).toEqual({ status: UNAUTHENTICATED, jobs: 0 });
    }
    raw.close();
    for (const [, intruder] of intruders) {
      await expect(
        intruder.publishMessage({
          name: 'MandateAcknowledged',
          correlationKey: adv.seed.policeMandateId,
          variables: {},
        }),
      ).rejects.toMatchObject({ code: UNAUTHENTICATED });
      await expect(intruder.broadcastSignal({ signalName: 'anything' })).rejects.toMatchObject({
        code: UNAUTHENTICATED,
      });
    }
  });

  it("reading the engine's variables (names, national register numbers) over its REST API is 401", async () => {
    const searchAs = (authorization?: string) =>
      fetch(`${adv.engine.restAddress}/v2/variables/search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ filter: { processInstanceKey } }),
      });
    for (const authorization of [
      undefined,
      `Basic ${Buffer.from(`${adv.engine.basicAuth.username}:x`).toString('base64')}`,
      'Bearer eyJhbGciOiJub25lIn0.e30.',
    ]) {
      const res = await searchAs(authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.text()).not.toContain(adv.seed.decisionId);
    }
    // the same search with the platform's credentials finds the case's variables: the data is there
    const allowed = await searchAs(adv.engine.authorization);
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it('control: with the platform credentials the same deployment is accepted (the door refused it, not the payload)', async () => {
    const before = await routingVersion();
    const changed = fs
      .readFileSync(ROUTING_WHT, 'utf8')
      .replace('Where a case goes', 'Where the intruder says');
    await platformClient.deployResource({ name: 'BE-WHT.dmn', decision: Buffer.from(changed) });
    expect(await routingVersion()).toBe(before + 1);
  });
});
