import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { ZBClient } from 'zeebe-node';
import { startEngineProcess, type EngineProcess } from '../__fixtures__/engine-process';
import { zeebeClientOptions, type EngineConnection } from './engine-credentials';

jest.setTimeout(60_000);

/**
 * Given the engine behind a TLS endpoint (as a Camunda 8 cluster's gateway is: here a TLS proxy in
 * front of `iplus engine`, with a certificate of a CA made by the test), when the platform's Zeebe
 * client is configured with ZEEBE_SECURE_CONNECTION and ZEEBE_CA_CERTIFICATE_PATH, then it reaches
 * the engine over TLS; without that CA, or without TLS, it does not.
 */
describe("the platform's Zeebe client over TLS (ZEEBE_SECURE_CONNECTION, ZEEBE_CA_CERTIFICATE_PATH)", () => {
  let engine: EngineProcess;
  let dir: string;
  let proxy: tls.Server;
  let address: string;

  beforeAll(async () => {
    engine = await startEngineProcess();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-tls-'));
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=iplus-test-gateway'],
        ...[
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'ca.pem'),
        ],
      ],
      { stdio: 'ignore' },
    );
    const [host, port] = engine.address.split(':') as [string, string];
    proxy = tls.createServer(
      {
        key: fs.readFileSync(path.join(dir, 'key.pem')),
        cert: fs.readFileSync(path.join(dir, 'ca.pem')),
        ALPNProtocols: ['h2'],
      },
      (socket) => {
        const upstream = net.connect(Number(port), host);
        socket.pipe(upstream).pipe(socket);
        const end = () => (socket.destroy(), upstream.destroy());
        socket.on('error', end);
        upstream.on('error', end);
      },
    );
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    address = `127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => proxy.close(resolve));
    await engine.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const topology = async (connection: Omit<EngineConnection, 'credentials'>) => {
    const zbc = new ZBClient(address, {
      ...zeebeClientOptions({ ...connection, credentials: engine.connection.credentials }),
      loglevel: 'NONE',
      retry: false,
    });
    try {
      return await Promise.race([
        zbc.topology().then((t) => `brokers ${t.brokers.length}`),
        new Promise<string>((resolve) => setTimeout(() => resolve('no answer'), 5000)),
      ]).catch((e: { code?: number }) => `refused ${e.code}`);
    } finally {
      await zbc.close(1000).catch(() => undefined);
    }
  };

  it('reaches the engine with TLS and the configured CA', async () => {
    expect(await topology({ secure: true, caCertificatePath: path.join(dir, 'ca.pem') })).toBe('brokers 1');
  });

  it('does not trust the endpoint without that CA, and plaintext does not reach it', async () => {
    expect(await topology({ secure: true })).not.toBe('brokers 1');
    expect(await topology({ secure: false })).not.toBe('brokers 1');
  });
});
