import BpmnModdle from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { UserError } from '../errors';

/** One problem the project's lint rules found: the rule, the element and what is wrong. */
export interface LintProblem {
  rule: string;
  elementId: string;
  message: string;
  category: 'error' | 'warn';
}

/**
 * The project's own rules (`bpmn/bpmnlint-plugin-iplus`, rules in `bpmn/lint-rules`), the same the
 * web modeler runs beside Camunda's: a mistyped `iplus:` job type never reaches the engine.
 */
const CONFIG = { extends: ['plugin:iplus/recommended'] };

/** Lints a model with the project's rules; XML that does not parse is one error of rule `xml`. */
export async function lintModel(xml: string): Promise<LintProblem[]> {
  // Never parsed here: the engine refuses any DOCTYPE (entity expansion, XXE) and says why.
  if (/<!DOCTYPE/i.test(xml)) return [];
  let root: unknown;
  try {
    ({ rootElement: root } = await new BpmnModdle({ zeebe }).fromXML(xml));
  } catch (e) {
    return [{ rule: 'xml', elementId: '', message: (e as Error).message, category: 'error' }];
  }
  // A fresh linter per model: bpmnlint keeps rule instances, and rules may remember earlier diagrams.
  const reports = await new Linter({ config: CONFIG, resolver: new NodeResolver() }).lint(root);
  return Object.entries(reports).flatMap(([rule, list]) =>
    list.map((r) => ({
      rule: rule.replace(/^iplus\//, ''),
      elementId: r.id,
      message: r.message,
      category: r.category === 'warn' || r.category === 'info' ? ('warn' as const) : ('error' as const),
    })),
  );
}

/** Refuses a model with lint errors: a 422 naming each problem and its element. */
export async function requireLintClean(xml: string): Promise<LintProblem[]> {
  // XML that does not parse is left to the engine, whose refusal (422 model_invalid) says where.
  const problems = (await lintModel(xml)).filter((p) => p.rule !== 'xml');
  const errors = problems.filter((p) => p.category === 'error');
  if (errors.length > 0) {
    throw new UserError({
      status: 422,
      code: 'model_lint_failed',
      title: 'The model breaks the project’s modelling rules',
      detail: `${errors.length} lint error(s): ${errors.map((e) => `${e.elementId || 'model'}: ${e.message} (${e.rule})`).join('; ')}`,
      errors: errors.map((e) => ({
        field: e.elementId ? `xml#${e.elementId}` : 'xml',
        code: e.rule,
        message: e.message,
      })),
    });
  }
  return problems;
}
