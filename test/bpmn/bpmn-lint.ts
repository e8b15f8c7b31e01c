import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BpmnModdle, { type ModdleElement } from 'bpmn-moddle';
import { Linter, type LintReport } from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import modeler from 'modeler-moddle/resources/modeler.json';

/** bpmn/ at the root of the repository. */
export const BPMN_DIR = join(__dirname, '..', '..', 'bpmn');

/** Parses BPMN the way Camunda Modeler does (Zeebe and modeler extensions known). */
export async function parseBpmn(xml: string): Promise<{ root: ModdleElement; warnings: string[] }> {
  const moddle = new BpmnModdle({ zeebe, modeler });
  const { rootElement, warnings } = await moddle.fromXML(xml);
  return { root: rootElement, warnings: warnings.map((w) => w.message) };
}

/**
 * Lints a parsed diagram with `config` (a .bpmnlintrc object). A fresh linter per call: bpmnlint
 * keeps rule instances, and some rules remember what they saw in earlier diagrams.
 */
export async function lint(
  root: ModdleElement,
  config: Record<string, unknown>,
): Promise<Record<string, LintReport[]>> {
  const linter = new Linter({ config, resolver: new NodeResolver() });
  return linter.lint(root);
}

/** The project's lint configuration, bpmn/.bpmnlintrc. */
export function projectLintConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(BPMN_DIR, '.bpmnlintrc'), 'utf8')) as Record<string, unknown>;
}
