import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IplusProcess } from '../../test/e2e/platform/iplus-process';
import { seedMandates } from './seed-mandates';

/** The inbox part's SQLite database: `mandates` mandates seeded, or copied from BENCH_INBOX_CACHE. */
export async function seedSqlite(
  dataDir: string,
  creds: IplusProcess['creds'],
  agencies: string[],
  houses: string[],
  mandates: number,
  log: (line: string) => void,
): Promise<void> {
  const dbFile = path.join(dataDir, 'platform', 'platform.sqlite');
  const credsFile = path.join(dataDir, 'platform', 'demo-credentials.json');
  // BENCH_INBOX_CACHE: a file that keeps the seeded database (and its demo credentials) between
  // runs; it is reused only for the same BENCH_MANDATES and a schema it was seeded on.
  const cache = process.env.BENCH_INBOX_CACHE;
  const cacheKey = `${mandates}-${fs.statSync(dbFile).size}`;
  if (
    cache &&
    fs.existsSync(cache) &&
    fs.existsSync(`${cache}.key`) &&
    fs.readFileSync(`${cache}.key`, 'utf8') === cacheKey
  ) {
    fs.copyFileSync(cache, dbFile);
    fs.copyFileSync(`${cache}.credentials.json`, credsFile);
    log(`seeded database reused from ${cache}`);
  } else {
    const seedStart = performance.now();
    const { hotPolice } = seedMandates(dbFile, mandates, agencies, houses, {
      policeZone: creds['agent.comines']!.agencyId,
      justiceHouse: creds['assistant.tournai']!.agencyId,
    });
    log(
      `seeded ${mandates} mandates in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (${hotPolice} for ${creds['agent.comines']!.agencyId})`,
    );
    if (cache) {
      fs.mkdirSync(path.dirname(cache), { recursive: true });
      fs.copyFileSync(dbFile, cache);
      fs.copyFileSync(credsFile, `${cache}.credentials.json`);
      fs.writeFileSync(`${cache}.key`, cacheKey);
    }
  }
}
