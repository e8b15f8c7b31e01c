import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BPMN_DIR, lint, parseBpmn } from './bpmn-lint';

// Each rule of bpmn/lint-rules/ is tested against its fixtures in bpmn/lint-rules/test/<rule>/:
// valid*.bpmn must pass; invalid*.bpmn must be reported on exactly the elements named in their
// "Expect:" comment.
const FIXTURES = join(BPMN_DIR, 'lint-rules', 'test');
const rules = readdirSync(FIXTURES).sort();

function expectedIds(xml: string): string[] {
  const comment = /<!--\s*Expect:([\s\S]*?)-->/.exec(xml);
  if (!comment) throw new Error('invalid fixture without an "Expect:" comment');
  return comment[1]!
    .replace(/\([^)]*\)/g, '')
    .split(/[,.]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .sort();
}

describe('bpmnlint rules of bpmn/lint-rules', () => {
  it('has fixtures for every rule of the iplus plugin', () => {
    const plugin = require('bpmnlint-plugin-iplus') as { rules: Record<string, string> }; // eslint-disable-line @typescript-eslint/no-require-imports
    expect(Object.keys(plugin.rules).sort()).toEqual(rules);
  });

  for (const rule of rules) {
    describe(rule, () => {
      const files = readdirSync(join(FIXTURES, rule)).sort();
      const config = { rules: { [`iplus/${rule}`]: 'error' } };

      it('has a valid and an invalid fixture', () => {
        expect(files.some((f) => f.startsWith('valid'))).toBe(true);
        expect(files.some((f) => f.startsWith('invalid'))).toBe(true);
      });

      for (const file of files) {
        it(`${file.startsWith('valid') ? 'accepts' : 'reports'} ${file}`, async () => {
          const xml = readFileSync(join(FIXTURES, rule, file), 'utf8');
          const { root, warnings } = await parseBpmn(xml);
          expect(warnings).toEqual([]);
          const reports = (await lint(root, config))[`iplus/${rule}`] ?? [];
          const ids = [...new Set(reports.map((r) => r.id))].sort();
          expect(ids).toEqual(file.startsWith('valid') ? [] : expectedIds(xml));
        });
      }
    });
  }
});
