import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type TeamEvent = {
  /** The path posted to: the Node-RED under test. */
  path: string;
  event: 'acknowledged' | 'timed out' | 'new mandate';
  mandate: { id: string; status: string; recipientId: string };
};

/** Stands in for the team's webhook the example flows post to: records each event with its path. */
export async function startTeamHook(): Promise<{
  url: string;
  events: TeamEvent[];
  waitFor(predicate: (e: TeamEvent) => boolean, timeoutMs: number): Promise<TeamEvent>;
  close(): Promise<void>;
}> {
  const events: TeamEvent[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      try {
        events.push({ ...(JSON.parse(body) as Omit<TeamEvent, 'path'>), path: request.url ?? '' });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    async waitFor(predicate, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(`no such team event in ${timeoutMs} ms; got ${JSON.stringify(events, null, 1)}`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
