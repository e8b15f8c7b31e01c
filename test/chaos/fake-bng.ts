import * as http from 'node:http';

export type BngMode = 'up' | 'down' | 'slow';

export interface BngHit {
  signalementId: string;
  decisionId: string;
  at: number;
}

/**
 * A real HTTP server playing the external BNG endpoint (platform/bng-openapi.yaml:
 * `PUT /signalements/{id}` to create, `PATCH` to update, `PUT /signalements/{id}/end` to end).
 * `up` stores and answers 201; `down` answers 503; `slow` answers only after `slowMs`, past the
 * platform's timeout. Every request is a hit; `stored` is what the BNG holds (a PUT with the same id
 * replaces, so a retry never makes a second signalement; updates are counted once per
 * Idempotency-Key; an update or end of an unknown signalement is a 404).
 */
export class FakeBng {
  mode: BngMode = 'up';
  slowMs = 3000;
  readonly hits: BngHit[] = [];
  readonly stored = new Map<
    string,
    { decisionId: string; puts: number; updates?: Set<string>; endedAt?: string; reason?: string }
  >();
  private readonly server = http.createServer((req, res) => this.serve(req, res));

  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    const { port } = this.server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  /** Signalements the BNG holds per decision (must be 1 each). */
  perDecision(): Map<string, number> {
    const n = new Map<string, number>();
    for (const s of this.stored.values()) n.set(s.decisionId, (n.get(s.decisionId) ?? 0) + 1);
    return n;
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const m = /^\/signalements\/([^/]+)(\/end)?$/.exec(req.url ?? '');
      const op = !m ? undefined : m[2] ? (req.method === 'PUT' ? 'end' : undefined) : req.method;
      if (!m || (op !== 'PUT' && op !== 'PATCH' && op !== 'end')) {
        res.writeHead(404).end();
        return;
      }
      const signalementId = decodeURIComponent(m[1]!);
      const parsed = JSON.parse(body || '{}') as { decisionId?: string; reason?: string; endedAt?: string };
      const decisionId = String(parsed.decisionId);
      this.hits.push({ signalementId, decisionId, at: Date.now() });
      const answer = () => {
        if (this.mode === 'down') {
          res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"maintenance"}');
          return;
        }
        const before = this.stored.get(signalementId);
        if (op !== 'PUT') {
          if (!before) return void res.writeHead(404).end();
          if (op === 'PATCH') {
            before.updates = (before.updates ?? new Set()).add(String(req.headers['idempotency-key']));
          } else {
            before.endedAt ??= parsed.endedAt;
            before.reason ??= parsed.reason;
          }
          return void res.writeHead(204).end();
        }
        this.stored.set(signalementId, { decisionId, puts: (before?.puts ?? 0) + 1 });
        res
          .writeHead(before ? 200 : 201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: `BNG-${signalementId}` }));
      };
      if (this.mode === 'slow') setTimeout(answer, this.slowMs).unref();
      else answer();
    });
  }
}
