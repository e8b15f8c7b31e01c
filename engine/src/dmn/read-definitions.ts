import { CAMUNDA_NAMESPACE, DMN_NAMESPACES, isFeel, ZEEBE_NAMESPACE } from './dmn-namespaces';
import type {
  Aggregation,
  DmnDecision,
  DmnDefinitions,
  DmnInput,
  DmnOutput,
  DmnRule,
  HitPolicy,
} from './types';
import type { XmlElement as XmlNode } from '../model/xml-document';

const HIT_POLICIES: readonly HitPolicy[] = [
  'UNIQUE',
  'FIRST',
  'PRIORITY',
  'ANY',
  'COLLECT',
  'RULE ORDER',
  'OUTPUT ORDER',
];
const AGGREGATIONS: readonly Aggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];
const UNSUPPORTED_LOGIC = ['context', 'invocation', 'relation', 'list', 'functionDefinition', 'conditional'];

/** A problem found while reading: where (a decision, or the file) and what. */
export interface Problem {
  decisionId?: string;
  message: string;
}

/**
 * Reads a DMN document into plain data. Structural problems (a decision without an id, an unknown
 * hit policy, a decision logic we do not run, a non-FEEL expression language) are collected in
 * `problems`; FEEL texts are checked later, by compilation.
 */
export function readDefinitions(root: XmlNode): { definitions?: DmnDefinitions; problems: Problem[] } {
  const dmnVersion = DMN_NAMESPACES[root.ns];
  if (root.name !== 'definitions' || !dmnVersion) {
    const known = Object.keys(DMN_NAMESPACES).join(', ');
    return {
      problems: [
        {
          message: `not a DMN file: the root element is '${root.name}' in namespace '${root.ns}', expected 'definitions' in one of ${known}`,
        },
      ],
    };
  }
  const problems: Problem[] = [];
  const ns = root.ns;
  const child = (node: XmlNode, name: string) => node.children.find((c) => c.ns === ns && c.name === name);
  const all = (node: XmlNode, name: string) => node.children.filter((c) => c.ns === ns && c.name === name);
  const textOf = (node: XmlNode | undefined) => (node ? (child(node, 'text')?.text ?? '').trim() : '');
  const fileLanguage = root.attrs.expressionLanguage;

  function checkLanguage(decisionId: string, node: XmlNode | undefined, what: string): void {
    const language = node?.attrs.expressionLanguage ?? fileLanguage;
    if (!isFeel(language)) {
      problems.push({
        decisionId,
        message: `${what} uses expression language '${language}'; only FEEL is supported`,
      });
    }
  }

  function readDecision(node: XmlNode): DmnDecision | undefined {
    const id = node.attrs.id ?? '';
    if (!id) {
      problems.push({ message: `a decision (line ${node.line}) has no id` });
      return undefined;
    }
    const common = {
      id,
      name: node.attrs.name ?? id,
      versionTag: versionTag(node, ns),
      requiredDecisions: requiredDecisions(node),
    };
    for (const requirement of all(node, 'knowledgeRequirement').concat(all(node, 'authorityRequirement'))) {
      if (requirement.name === 'knowledgeRequirement') {
        problems.push({
          decisionId: id,
          message: 'requires a business knowledge model, which is not supported',
        });
      }
    }
    const table = child(node, 'decisionTable');
    const literal = child(node, 'literalExpression');
    if (table) return { ...common, ...readTable(id, table) };
    if (literal) {
      checkLanguage(id, literal, 'the literal expression');
      const variable = child(node, 'variable');
      return {
        ...common,
        type: 'LITERAL_EXPRESSION',
        expression: textOf(literal),
        variableName: variable?.attrs.name,
        typeRef: variable?.attrs.typeRef,
      };
    }
    const other = node.children.find((c) => c.ns === ns && UNSUPPORTED_LOGIC.includes(c.name));
    problems.push({
      decisionId: id,
      message: other
        ? `its logic is a <${other.name}>, which is not supported; use a decision table or a literal expression`
        : 'it has no decision logic (a decision table or a literal expression)',
    });
    return undefined;
  }

  function requiredDecisions(node: XmlNode): string[] {
    const ids: string[] = [];
    for (const requirement of all(node, 'informationRequirement')) {
      const required = child(requirement, 'requiredDecision');
      if (required) ids.push((required.attrs.href ?? '').replace(/^.*#/, ''));
    }
    return ids;
  }

  function readTable(decisionId: string, table: XmlNode) {
    const policyText = (table.attrs.hitPolicy ?? 'UNIQUE').trim().toUpperCase().replace(/_/g, ' ');
    const hitPolicy = HIT_POLICIES.find((p) => p === policyText);
    if (!hitPolicy) {
      problems.push({
        decisionId,
        message: `unknown hit policy '${table.attrs.hitPolicy}'; use one of ${HIT_POLICIES.join(', ')}`,
      });
    }
    const aggregationText = table.attrs.aggregation?.trim().toUpperCase();
    const aggregation = AGGREGATIONS.find((a) => a === aggregationText);
    if (aggregationText && !aggregation) {
      problems.push({
        decisionId,
        message: `unknown aggregation '${table.attrs.aggregation}'; use one of ${AGGREGATIONS.join(', ')}`,
      });
    }
    const inputs: DmnInput[] = all(table, 'input').map((input, i) => {
      const expression = child(input, 'inputExpression');
      checkLanguage(decisionId, expression, `input ${i + 1}`);
      const allowed = child(input, 'inputValues');
      return withoutUndefined({
        id: input.attrs.id ?? `${decisionId}-input-${i + 1}`,
        label: input.attrs.label,
        expression: textOf(expression),
        typeRef: expression?.attrs.typeRef,
        inputValues: allowed ? textOf(allowed) || undefined : undefined,
      });
    });
    const outputs: DmnOutput[] = all(table, 'output').map((output, i) => {
      const allowed = child(output, 'outputValues');
      const fallback = child(output, 'defaultOutputEntry');
      return withoutUndefined({
        id: output.attrs.id ?? `${decisionId}-output-${i + 1}`,
        label: output.attrs.label,
        name: output.attrs.name,
        typeRef: output.attrs.typeRef,
        outputValues: allowed ? textOf(allowed) || undefined : undefined,
        defaultOutputEntry: fallback ? textOf(fallback) || undefined : undefined,
      });
    });
    const rules: DmnRule[] = all(table, 'rule').map((rule, i) =>
      withoutUndefined({
        id: rule.attrs.id ?? `${decisionId}-rule-${i + 1}`,
        description: child(rule, 'description')?.text.trim() || undefined,
        inputEntries: all(rule, 'inputEntry').map((entry) => textOf(entry)),
        outputEntries: all(rule, 'outputEntry').map((entry) => textOf(entry)),
      }),
    );
    return withoutUndefined({
      type: 'DECISION_TABLE' as const,
      hitPolicy: hitPolicy ?? 'UNIQUE',
      aggregation,
      inputs,
      outputs,
      rules,
    });
  }

  const decisions = all(root, 'decision')
    .map(readDecision)
    .filter((d): d is DmnDecision => d !== undefined);
  const id = root.attrs.id ?? '';
  if (!id) problems.push({ message: 'the <definitions> element has no id' });
  const definitions: DmnDefinitions = {
    id,
    name: root.attrs.name ?? id,
    namespace: root.attrs.namespace ?? '',
    drgId: id,
    dmnVersion,
    decisions,
  };
  return { definitions, problems };
}

function versionTag(node: XmlNode, ns: string): string | undefined {
  const extensions = node.children.find((c) => c.ns === ns && c.name === 'extensionElements');
  const zeebe = extensions?.children.find((c) => c.ns === ZEEBE_NAMESPACE && c.name === 'versionTag');
  return zeebe?.attrs.value ?? node.attrs[`{${CAMUNDA_NAMESPACE}}versionTag`] ?? undefined;
}

/** Drops undefined properties so that the definitions stay plain, comparable JSON. */
function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
