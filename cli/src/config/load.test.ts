import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeConfig, loadConfig } from './load';
import { schema } from './schema';

describe('configuration', () => {
  it('runs on defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.httpPort).toBe(8080);
    expect(config.gatewayPort).toBe(26500);
    expect(config.dataDir).toBe('./data');
    expect(config.engine).toBe('embedded');
  });

  it('names the variable, the value and what is allowed when a value is wrong', () => {
    expect(() => loadConfig({ IPLUS_HTTP_PORT: '80a' })).toThrow(
      'IPLUS_HTTP_PORT="80a" is not valid: expected a TCP port from 0 to 65535',
    );
    expect(() => loadConfig({ IPLUS_ENGINE: 'zeebe' })).toThrow(
      /IPLUS_ENGINE="zeebe".*one of embedded, external/,
    );
    expect(() => loadConfig({ IPLUS_ACK_DEADLINE: '24h' })).toThrow(/ISO 8601 duration/);
  });

  it('reports every wrong value at once', () => {
    expect(() => loadConfig({ IPLUS_HTTP_PORT: '-1', IPLUS_LOG_LEVEL: 'loud' })).toThrow(
      /IPLUS_HTTP_PORT[\s\S]*IPLUS_LOG_LEVEL/,
    );
  });

  it('documents every variable in the printed table', () => {
    const table = describeConfig();
    for (const v of Object.values(schema)) {
      expect(v.doc.length).toBeGreaterThan(10);
      expect(table).toContain(`\`${v.name}\``);
    }
  });
});

describe('README', () => {
  it('lists the configuration table as the schema prints it (run `npm run docs:config` to refresh)', () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain(describeConfig());
  });
});
