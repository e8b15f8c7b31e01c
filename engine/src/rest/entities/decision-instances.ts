import { withRootKeys } from '../root-instances';
import type { EvaluatedDecision } from '../../dmn/types';
import type { Db } from '../../state/database';
import { isoDate } from '../dates';
import { badRequest, notFoundProblem } from '../problem';
import type { EntitySpec, Sql } from '../search/entity-spec';
import { withNulls, keyString, sameValues, TENANT, TENANT_COLUMN } from './item';

interface Row {
  key: number;
  state: string;
  decision_key: number;
  decision_id: string;
  decision_name: string | null;
  decision_version: number;
  process_definition_key: number | null;
  process_instance_key: number | null;
  element_instance_key: number | null;
  evaluation_time: number;
  output: string | null;
  evaluated_decisions: string;
  failure_message: string | null;
}

type Evaluated = EvaluatedDecision & { decisionKey?: string; decisionVersion?: number };

/**
 * One evaluation (a row) evaluates the called decision and the decisions it requires; Camunda
 * calls each of those a decision instance, keyed `<decisionEvaluationKey>-<n>` (n from 1, in
 * evaluation order). A search lists the called (root) decision of each evaluation; GET by
 * `<key>-<n>` reads any of them, with its inputs and matched rules.
 */
function rootIndex(r: Row, evaluated: Evaluated[]): number {
  for (let i = evaluated.length - 1; i >= 0; i--) if (evaluated[i].decisionId === r.decision_id) return i;
  return Math.max(0, evaluated.length - 1);
}

const ROOT_TYPE =
  "(SELECT json_extract(e.value, '$.decisionType') FROM json_each(di.evaluated_decisions) e " +
  "WHERE json_extract(e.value, '$.decisionId') = di.decision_id)";

/** `filter.decisionEvaluationInstanceKey`: "<evaluation key>-<n>" (or the evaluation key alone). */
function instanceKeyFilter(value: unknown, where: string): Sql {
  const key = typeof value === 'string' ? parseInstanceKey(value) : undefined;
  if (!key) throw badRequest(`${where} must be a decision instance key such as "2251799813685301-1"`);
  return { sql: 'di.key = ?', params: [key.evaluationKey] };
}

/** Splits "<evaluation key>-<n>"; n defaults to the called decision. */
export function parseInstanceKey(text: string): { evaluationKey: number; n?: number } | undefined {
  const m = /^(\d{1,16})(?:-(\d{1,4}))?$/.exec(text);
  if (!m || !Number.isSafeInteger(Number(m[1]))) return undefined;
  return { evaluationKey: Number(m[1]), ...(m[2] ? { n: Number(m[2]) } : {}) };
}

/** `/v2/decision-instances`. */
export const decisionInstances: EntitySpec<Row> = {
  name: 'decision instances',
  select:
    'di.key, di.state, di.decision_key, di.decision_id, d.name AS decision_name, di.decision_version, ' +
    'pi.process_definition_key, di.process_instance_key, di.element_instance_key, di.evaluation_time, di.output, ' +
    'di.evaluated_decisions, di.failure_message',
  from:
    'decision_instance di LEFT JOIN decision d ON d.key = di.decision_key ' +
    'LEFT JOIN process_instance pi ON pi.key = di.process_instance_key',
  key: 'di.key',
  fields: {
    decisionEvaluationInstanceKey: { column: 'di.key', kind: 'key', filterable: false },
    decisionEvaluationKey: { column: 'di.key', kind: 'key' },
    state: {
      column: 'di.state',
      kind: 'enum',
      values: { ...sameValues('EVALUATED', 'FAILED'), UNSPECIFIED: [], UNKNOWN: [] },
    },
    evaluationDate: { column: 'di.evaluation_time', kind: 'date' },
    evaluationFailure: { column: 'di.failure_message', kind: 'string', nullable: true },
    decisionDefinitionId: { column: 'di.decision_id', kind: 'string' },
    decisionDefinitionName: { column: 'd.name', kind: 'string', nullable: true },
    decisionDefinitionVersion: { column: 'di.decision_version', kind: 'int' },
    decisionDefinitionType: {
      column: ROOT_TYPE,
      kind: 'enum',
      nullable: true,
      values: { ...sameValues('DECISION_TABLE', 'LITERAL_EXPRESSION'), UNSPECIFIED: [], UNKNOWN: [] },
    },
    decisionDefinitionKey: { column: 'di.decision_key', kind: 'key' },
    rootDecisionDefinitionKey: { column: 'di.decision_key', kind: 'key' },
    processDefinitionKey: { column: 'pi.process_definition_key', kind: 'key', nullable: true },
    processInstanceKey: { column: 'di.process_instance_key', kind: 'key', nullable: true },
    elementInstanceKey: { column: 'di.element_instance_key', kind: 'key', nullable: true },
    tenantId: { column: TENANT_COLUMN, kind: 'string' },
  },
  customFilters: { decisionEvaluationInstanceKey: instanceKeyFilter },
  toItem: (r) => {
    const evaluated = JSON.parse(r.evaluated_decisions) as Evaluated[];
    return decisionInstanceItem(r, evaluated, rootIndex(r, evaluated), false);
  },
};

function decisionInstanceItem(
  r: Row,
  evaluated: Evaluated[],
  index: number,
  details: boolean,
): Record<string, unknown> {
  const e: Evaluated | undefined = evaluated[index];
  const isRoot = index === rootIndex(r, evaluated);
  const item = withNulls({
    decisionEvaluationInstanceKey: `${r.key}-${index + 1}`,
    decisionEvaluationKey: keyString(r.key),
    state: r.state,
    evaluationDate: isoDate(r.evaluation_time),
    evaluationFailure: r.failure_message ?? undefined,
    decisionDefinitionId: e?.decisionId ?? r.decision_id,
    decisionDefinitionName: isRoot ? (r.decision_name ?? e?.decisionName) : e?.decisionName,
    decisionDefinitionVersion: isRoot ? r.decision_version : e?.decisionVersion,
    decisionDefinitionType: e?.decisionType,
    result: e ? e.decisionOutput : (r.output ?? undefined),
    decisionDefinitionKey: isRoot ? keyString(r.decision_key) : e?.decisionKey,
    rootDecisionDefinitionKey: keyString(r.decision_key),
    processDefinitionKey: keyString(r.process_definition_key),
    processInstanceKey: keyString(r.process_instance_key),
    elementInstanceKey: keyString(r.element_instance_key),
    tenantId: TENANT,
  });
  if (details && e) {
    item.evaluatedInputs = e.evaluatedInputs.map((i) => ({
      inputId: i.inputId,
      inputName: i.inputName,
      inputValue: i.inputValue,
    }));
    item.matchedRules = e.matchedRules.map((m) => ({
      ruleId: m.ruleId,
      ruleIndex: m.ruleIndex,
      evaluatedOutputs: m.evaluatedOutputs.map((o) => ({
        outputId: o.outputId,
        outputName: o.outputName,
        outputValue: o.outputValue,
        ruleId: m.ruleId,
        ruleIndex: m.ruleIndex,
      })),
    }));
  }
  return item;
}

/** `GET /v2/decision-instances/{decisionEvaluationInstanceKey}`: inputs and matched rules of one decision. */
export function getDecisionInstance(db: Db, id: string): Record<string, unknown> {
  const key = parseInstanceKey(id);
  if (!key) {
    throw badRequest(
      `'${id}' is not a decision instance key; use decisionEvaluationInstanceKey from a search, such as "2251799813685301-1"`,
    );
  }
  const row = db
    .prepare(`SELECT ${decisionInstances.select} FROM ${decisionInstances.from} WHERE di.key = ?`)
    .get(key.evaluationKey) as Row | undefined;
  const evaluated = row ? (JSON.parse(row.evaluated_decisions) as Evaluated[]) : [];
  const index = row ? (key.n === undefined ? rootIndex(row, evaluated) : key.n - 1) : -1;
  if (!row || index < 0 || (evaluated.length > 0 && index >= evaluated.length)) {
    throw notFoundProblem(`Decision instance with key '${id}' not found`);
  }
  return withRootKeys(db, [decisionInstanceItem(row, evaluated, index, true)])[0];
}
