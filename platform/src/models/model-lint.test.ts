import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintModel, requireLintClean } from './model-lint';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'bpmn', 'lint-rules', 'test');
const fixture = (rule: string, file: string) => fs.readFileSync(path.join(FIXTURES, rule, file), 'utf8');

// The server runs the project's rules (bpmnlint-plugin-iplus) on the rules' own fixtures.
describe('the project’s lint rules on the server', () => {
  it('passes a valid model and the platform’s own processes', async () => {
    expect(await lintModel(fixture('known-task-type', 'valid.bpmn'))).toEqual([]);
    const own = fs.readFileSync(path.resolve(FIXTURES, '..', '..', 'conditional-release.bpmn'), 'utf8');
    expect(await requireLintClean(own)).toEqual([]);
  });

  it('refuses an unknown iplus job type with a 422 naming the rule and the element', async () => {
    const problems = await lintModel(fixture('known-task-type', 'invalid-unknown-type.bpmn'));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.rule === 'known-task-type' && p.category === 'error')).toBe(true);
    await expect(
      requireLintClean(fixture('known-task-type', 'invalid-unknown-type.bpmn')),
    ).rejects.toMatchObject({
      status: 422,
      code: 'model_lint_failed',
      errors: problems.map((p) => ({
        field: `xml#${p.elementId}`,
        code: 'known-task-type',
        message: p.message,
      })),
    });
  });

  it('leaves XML it cannot read, and any DOCTYPE, to the engine', async () => {
    expect(await lintModel('not xml')).toEqual([expect.objectContaining({ rule: 'xml', category: 'error' })]);
    await expect(requireLintClean('not xml')).resolves.toEqual([]);
    expect(await lintModel('<!DOCTYPE x [<!ENTITY a "b">]><definitions/>')).toEqual([]);
  });
});
