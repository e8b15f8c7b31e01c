import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from './engine';
import { Rejection } from '../errors';

describe('backpressure', () => {
  it('refuses commands with RESOURCE_EXHAUSTED when the queue is full, but never job completions', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iplus-engine-'));
    const engine = new Engine({ dataDir: dir, maxQueuedCommands: 5 });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => engine.publishMessage({ name: 'm', correlationKey: 'k' })),
      );
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused).toHaveLength(15);
      expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(Rejection);
      expect(((refused[0] as PromiseRejectedResult).reason as Rejection).code).toBe('RESOURCE_EXHAUSTED');
      // job completions are exempt: they are refused for business reasons (NOT_FOUND here), never for load
      const completions = await Promise.allSettled(
        Array.from({ length: 20 }, () => engine.completeJob('2251799813699999')),
      );
      expect(
        completions.every((r) => r.status === 'rejected' && (r.reason as Rejection).code === 'NOT_FOUND'),
      ).toBe(true);
    } finally {
      await engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
