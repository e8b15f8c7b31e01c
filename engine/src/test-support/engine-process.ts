/**
 * A whole engine in its own process, for tests that kill it (SIGKILL) and start it again:
 * `node -r ./ts-register.cjs engine-process.ts <dataDir>` prints `READY <host:port>`.
 */
import { startEngine } from '../index';

// The Basic credentials come from the parent (engine-child.ts), never from the command line.
const clientId = process.env.ENGINE_CHILD_CLIENT_ID ?? '';
const clientSecret = process.env.ENGINE_CHILD_CLIENT_SECRET ?? '';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: engine-process <dataDir>');

startEngine({
  dataDir,
  gatewayHost: '127.0.0.1',
  gatewayPort: 0,
  auth: { basic: { clientId, clientSecret } },
}).then(
  (running) => {
    process.stdout.write(`READY ${running.gatewayAddress}\n`);
    process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
  },
  (e: Error) => {
    process.stderr.write(`engine failed to start: ${e.stack}\n`);
    process.exit(1);
  },
);
