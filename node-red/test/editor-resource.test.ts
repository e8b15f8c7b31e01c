/**
 * The editor script the nodes share (resources/iplus-editor.js, served by Node-RED at
 * resources/node-red-contrib-iplus/): every node's .html loads it before registering through it, and
 * every placeholder a template or a help text names is one the script fills, with a message in the four
 * languages. (test/e2e/node-red/ opens the editor in Chromium and sees the filled dialog.)
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
const NODES = path.join(ROOT, 'nodes');
const RESOURCE = 'resources/iplus-editor.js';
const LANGUAGES = ['en-US', 'fr', 'nl', 'de'];

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  files: string[];
  'node-red': { nodes: Record<string, string> };
};
const sets = Object.keys(manifest['node-red'].nodes).filter((set) => set !== 'iplus-config');
const script = fs.readFileSync(path.join(ROOT, RESOURCE), 'utf8');

/** The names an object literal `var NAME = { … };` of the script holds (its `key: function` members). */
function membersOf(name: string): string[] {
  const body = new RegExp(`var ${name} = \\{([\\s\\S]*?)\\n  \\};`).exec(script)?.[1] ?? '';
  return [...body.matchAll(/^ {4}(\w+): function/gm)].map((m) => m[1]!);
}

function catalog(language: string, set: string): Record<string, unknown> {
  const file = path.join(NODES, 'locales', language, `${set}.json`);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>)[set]!;
}

function has(tree: Record<string, unknown>, dotted: string): boolean {
  let at: unknown = tree;
  for (const part of dotted.split('.')) at = (at as Record<string, unknown> | undefined)?.[part];
  return typeof at === 'string' && at.length > 0;
}

describe('the editor script the iplus nodes share', () => {
  it('is packed, and knows the rows and help sections of the placeholders', () => {
    expect(manifest.files).toContain('resources/*.js');
    expect(membersOf('ROWS').sort()).toEqual(['id', 'iplus', 'name', 'store']);
    expect(membersOf('HELP')).toEqual(['errors']);
  });

  it.each(sets)(
    '%s loads it before it registers through it, and has no row of its own for what it fills',
    (set) => {
      const html = fs.readFileSync(path.join(NODES, `${set}.html`), 'utf8');
      const src = html.indexOf(
        `<script type="text/javascript" src="resources/${manifest.name}/iplus-editor.js">`,
      );
      expect(src).toBe(0);
      expect(html).toContain(`iplusEditor.registerType('${set}', {`);
      expect(html).not.toContain('RED.nodes.registerType');
      // the shared rows come from the script, never written again
      expect(html).not.toMatch(/id="node-input-(iplus|name|store)"/);
    },
  );

  it.each(sets)(
    'every placeholder of %s is filled by the script, with its label in the four languages',
    (set) => {
      const html = fs.readFileSync(path.join(NODES, `${set}.html`), 'utf8');
      const idProperty = /idProperty: '(\w+)'/.exec(html)?.[1];
      const rows = [...html.matchAll(/data-iplus-row="(\w+)"/g)].map((m) => m[1]!);
      expect(rows).toContain('iplus');
      expect(rows).toContain('name');
      if (idProperty) expect(rows).toContain('id');
      for (const which of rows) expect(membersOf('ROWS')).toContain(which);
      const labels = rows
        .filter((which) => which !== 'name') // Node-RED's own common.label.name
        .map((which) => `label.${which === 'id' ? idProperty : which}`);
      for (const language of LANGUAGES) {
        const messages = catalog(language, set);
        expect({ language, missing: labels.filter((key) => !has(messages, key)) }).toEqual({
          language,
          missing: [],
        });
      }
    },
  );

  it.each(sets)('the help of %s names only sections the script has, in every language', (set) => {
    const helps = [
      fs.readFileSync(path.join(NODES, `${set}.html`), 'utf8'),
      ...LANGUAGES.slice(1).map((l) =>
        fs.readFileSync(path.join(NODES, 'locales', l, `${set}.html`), 'utf8'),
      ),
    ];
    const named = helps.map((h) => [...h.matchAll(/data-iplus-help="(\w+)"/g)].map((m) => m[1]!));
    // the same sections in each language
    for (const sections of named.slice(1)) expect(sections).toEqual(named[0]);
    for (const which of named[0]!) {
      expect(membersOf('HELP')).toContain(which);
      for (const language of LANGUAGES) {
        const messages = catalog(language, 'iplus-config');
        expect([language, has(messages, `help.${which}`), has(messages, `help.${which}Title`)]).toEqual([
          language,
          true,
          true,
        ]);
      }
    }
  });
});
