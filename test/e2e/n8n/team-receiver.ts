import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type TeamMessage = { outcome: string; mandateId: string; recipientId?: string; text: string };

/**
 * Stands in for the team's chat webhook that the parquet intake workflow posts to: records each
 * message, and lets a test wait for the one it expects.
 */
export async function startTeamReceiver(): Promise<{
  url: string;
  messages: TeamMessage[];
  waitFor(predicate: (m: TeamMessage) => boolean, timeoutMs: number): Promise<TeamMessage>;
  close(): Promise<void>;
}> {
  const messages: TeamMessage[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      try {
        messages.push(JSON.parse(body) as TeamMessage);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/team`,
    messages,
    async waitFor(predicate, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(`no such team message in ${timeoutMs} ms; got ${JSON.stringify(messages)}`);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
