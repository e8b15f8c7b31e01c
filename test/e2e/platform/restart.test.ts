import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decision, eventually, startIplus, upload, type IplusProcess } from './iplus-process';

interface Decision {
  id: string;
  reference: string;
  status: string;
  signalement: { id: string } | null;
  mandates: Array<{ id: string; kind: string; status: string }>;
}

const N = 40;

// Issue 5, "Done when": SIGKILL `iplus start` in the middle of uploads, acknowledgements and breach
// reports; restart on the same data folder; nothing acknowledged is lost, nothing happens twice.
describe('restart after SIGKILL', () => {
  jest.setTimeout(300_000);
  let dataDir: string;
  let iplus: IplusProcess;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-restart-'));
  });
  afterAll(async () => {
    await iplus?.stop('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing acknowledged and duplicates nothing', async () => {
    iplus = await startIplus({ dataDir });
    const answered = new Map<string, string>(); // reference → decision id, for every 2xx answer
    const acknowledged = new Set<string>(); // mandate ids acknowledged with a 2xx answer
    const reported = new Set<string>(); // police mandate ids reported as breach with a 2xx answer
    let killed = false;

    // Four streams of uploads; each stream acknowledges and reports (breach) the police mandates it
    // sees. The process is killed once half the uploads were answered, with requests in flight.
    let next = 0;
    const stream = async () => {
      while (!killed && next < N) {
        const i = next++;
        const reference = `TAP-MONS-2026-RESTART-${i}`;
        const res = await iplus
          .as<Decision>('clerk.mons', 'POST', '/api/decisions', upload(decision(reference)))
          .catch(() => undefined);
        if (res && res.status < 300) answered.set(reference, res.body.id);
        const inbox = await iplus
          .as<{
            items: Array<{ id: string }>;
          }>('agent.comines', 'GET', '/api/mandates?status=issued&limit=500')
          .catch(() => undefined);
        for (const m of (inbox?.body.items ?? []).slice(0, 2)) {
          const ack = await iplus
            .as('agent.comines', 'POST', `/api/mandates/${m.id}/acknowledge`, {})
            .catch(() => undefined);
          if (ack?.status === 200) acknowledged.add(m.id);
          const rep = await iplus
            .as('agent.comines', 'POST', `/api/mandates/${m.id}/report`, { outcome: 'person_absent' })
            .catch(() => undefined);
          if (rep?.status === 200) reported.add(m.id);
        }
      }
    };
    const streams = Array.from({ length: 4 }, stream);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (answered.size >= N / 2) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    killed = true;
    expect(await iplus.stop('SIGKILL')).toBe('SIGKILL');
    await Promise.all(streams);
    expect(answered.size).toBeGreaterThanOrEqual(N / 2);
    expect(reported.size).toBeGreaterThan(0);

    iplus = await startIplus({ dataDir });
    // Nothing acknowledged is lost: every decision that got a 2xx answer is there, with the same id.
    for (const [reference, id] of answered) {
      const d = await iplus.as<Decision>('clerk.mons', 'GET', `/api/decisions/${id}`);
      expect(d.body.reference).toBe(reference);
    }
    // The client retries everything it sent (as it would after a lost answer): idempotent.
    for (let i = 0; i < N; i++) {
      const reference = `TAP-MONS-2026-RESTART-${i}`;
      const res = await iplus.as<Decision>(
        'clerk.mons',
        'POST',
        '/api/decisions',
        upload(decision(reference)),
      );
      // Answered before: the same decision (200). Unanswered: either it never committed (201) or its
      // answer was lost in the kill (200) — never a second decision.
      if (answered.has(reference)) {
        expect(res.status).toBe(200);
        expect(res.body.id).toBe(answered.get(reference));
      } else {
        expect([200, 201]).toContain(res.status);
      }
      answered.set(reference, res.body.id);
    }
    // Every decision ends with exactly one signalement and one mandate per kind.
    const all = await eventually(
      async () => {
        const ds = await Promise.all(
          [...answered.values()].map((id) =>
            iplus.as<Decision>('clerk.mons', 'GET', `/api/decisions/${id}`).then((r) => r.body),
          ),
        );
        return ds.every((d) => d.signalement && d.mandates.length === 2) ? ds : undefined;
      },
      60_000,
      'every decision processed',
    );
    for (const d of all) expect(d.mandates.map((m) => m.kind).sort()).toEqual(['guidance', 'police_check']);
    // Every acknowledgement and report that was answered 2xx survived.
    for (const d of all) {
      for (const m of d.mandates) {
        if (reported.has(m.id)) expect(m.status).toBe('reported');
        else if (acknowledged.has(m.id)) expect(['acknowledged', 'reported']).toContain(m.status);
      }
    }
    // Each reported breach reaches the parquet exactly once (the report message was published and the
    // process went on, even when the kill came between the answer and the publication).
    const breaches = await eventually(
      async () => {
        const items = (
          await iplus.as<{ items: Array<{ mandateId: string }> }>(
            'clerk.mons',
            'GET',
            '/api/notifications?kind=breach&limit=500',
          )
        ).body.items;
        return [...reported].every((id) => items.some((n) => n.mandateId === id)) ? items : undefined;
      },
      60_000,
      'a breach notification for every reported mandate',
    );
    const ids = breaches.map((n) => n.mandateId);
    expect(new Set(ids).size).toBe(ids.length);
    const audit = await iplus.as<{ ok: boolean }>('admin', 'GET', '/api/audit/verify');
    expect(audit.body.ok).toBe(true);
  });
});
