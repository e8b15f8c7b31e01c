import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeConfig, loadConfig } from './load';
import { schema } from './schema';

const DOC = path.resolve(__dirname, '..', '..', '..', 'docs', 'DEPLOYMENT.md');

// Issue 13, "Done when": every variable docs/DEPLOYMENT.md names exists in `iplus config`.
describe('docs/DEPLOYMENT.md', () => {
  it('names only variables that `iplus config` knows and prints', () => {
    const named = [
      ...new Set(fs.readFileSync(DOC, 'utf8').match(/\b(?:IPLUS|ZEEBE|CAMUNDA)_[A-Z0-9_]*[A-Z0-9]\b/g)),
    ];
    expect(named.length).toBeGreaterThan(20);
    const known = new Set(Object.values(schema).map((v) => v.name));
    expect(named.filter((n) => !known.has(n))).toEqual([]);
    const table = describeConfig(loadConfig({}));
    expect(named.filter((n) => !table.includes(n))).toEqual([]);
  });

  it('names every setting a Camunda 8 cluster needs from its clients', () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    for (const name of [
      'ZEEBE_ADDRESS',
      'ZEEBE_AUTHORIZATION_SERVER_URL',
      'ZEEBE_CLIENT_ID',
      'ZEEBE_CLIENT_SECRET',
      'ZEEBE_TOKEN_AUDIENCE',
      'ZEEBE_CA_CERTIFICATE_PATH',
      'CAMUNDA_REST_ADDRESS',
    ])
      expect(doc).toContain(name);
  });
});
