/**
 * The nodes' messages exist in the four languages: every catalog of en-US has the same keys in fr, nl
 * and de, and every key the runtime (RED._) or the editor (data-i18n, this._) names is in en-US.
 */
import fs from 'node:fs';
import path from 'node:path';

const NODES = path.join(__dirname, '..', 'nodes');
const LANGUAGES = ['en-US', 'fr', 'nl', 'de'];
const PACKAGE = 'node-red-contrib-iplus';

function keysOf(value: unknown, prefix = ''): string[] {
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

function catalog(language: string, set: string): string[] {
  const file = path.join(NODES, 'locales', language, `${set}.json`);
  return keysOf(JSON.parse(fs.readFileSync(file, 'utf8'))).sort();
}

const sets = Object.keys(
  (
    JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
      'node-red': { nodes: Record<string, string> };
    }
  )['node-red'].nodes,
);

describe('node-red-contrib-iplus messages', () => {
  it.each(sets)('%s has the same message keys in en-US, fr, nl and de, none empty', (set) => {
    const english = catalog('en-US', set);
    expect(english.length).toBeGreaterThan(0);
    for (const language of LANGUAGES.slice(1)) expect(catalog(language, set)).toEqual(english);
    for (const language of LANGUAGES) {
      const file = path.join(NODES, 'locales', language, `${set}.json`);
      expect(fs.readFileSync(file, 'utf8')).not.toMatch(/: ""/);
    }
  });

  it.each(sets)('%s has its help text in fr, nl and de', (set) => {
    for (const language of LANGUAGES.slice(1)) {
      const help = fs.readFileSync(path.join(NODES, 'locales', language, `${set}.html`), 'utf8');
      expect(help).toContain(`data-help-name="${set}"`);
    }
  });

  it.each(sets)('every key %s names in its runtime and its editor is in en-US', (set) => {
    const source = [
      fs.readFileSync(path.join(NODES, `${set}.js`), 'utf8'),
      fs.readFileSync(path.join(NODES, `${set}.html`), 'utf8'),
      ...fs
        .readdirSync(path.join(NODES, 'lib'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => fs.readFileSync(path.join(NODES, 'lib', f), 'utf8')),
    ].join('\n');
    const used = [
      ...source.matchAll(/(?:RED\._|this\._|node\._)\(\s*[`'"]([^`'"$]+)[`'"]/g),
      ...source.matchAll(/data-i18n="([^"]+)"/g),
    ]
      .map((m) => m[1]!)
      .filter((key) => !key.endsWith('.')); // a prefix completed at run time ('…action.' + action)
    const shared = /\$\{NS\}([\w.]+)/g;
    const sharedKeys = [...source.matchAll(shared)].map(
      (m) => `${PACKAGE}/iplus-config:iplus-config.${m[1]}`,
    );
    const known = new Set(
      sets
        .flatMap((s) => catalog('en-US', s).map((k) => `${PACKAGE}/${s}:${k}`))
        .concat(catalog('en-US', set)),
    );
    const missing = [...used, ...sharedKeys]
      .filter((key) => !key.startsWith('node-red:'))
      .filter((key) => !known.has(key) && !known.has(`${PACKAGE}/${set}:${key}`));
    expect(missing).toEqual([]);
    expect(used.length).toBeGreaterThan(0);
  });
});
