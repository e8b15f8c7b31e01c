import net from 'node:net';

/**
 * A TCP port free right now on 127.0.0.1, for servers that cannot be told to bind port 0 and report
 * it (n8n and its task-runner broker): bind port 0, read the port, close.
 */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
