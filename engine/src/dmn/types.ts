/**
 * A parsed DMN file as plain data: JSON-serialisable, so the engine may store it; evaluating it
 * compiles it (once per object, cached) from these texts.
 */
export interface DmnDefinitions {
  id: string;
  name: string;
  namespace: string;
  /** The decision requirements graph's id: the definitions' id, as Zeebe reports it. */
  drgId: string;
  /** The DMN version the file was written in (1.1 and 1.2 files are read as 1.3). */
  dmnVersion: DmnVersion;
  decisions: DmnDecision[];
}

export type DmnVersion = '1.1' | '1.2' | '1.3' | '1.4' | '1.5';

export type DmnDecision = DmnDecisionTable | DmnLiteralExpressionDecision;

interface DecisionCommon {
  id: string;
  name: string;
  /** `zeebe:versionTag` (or Camunda 7's `camunda:versionTag`), for the `versionTag` binding. */
  versionTag?: string;
  /** Ids of the decisions this one requires; their results are variables named by those ids. */
  requiredDecisions: string[];
}

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';

export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DmnDecisionTable extends DecisionCommon {
  type: 'DECISION_TABLE';
  hitPolicy: HitPolicy;
  aggregation?: Aggregation;
  inputs: DmnInput[];
  outputs: DmnOutput[];
  rules: DmnRule[];
}

export interface DmnInput {
  id: string;
  label?: string;
  /** The FEEL input expression. */
  expression: string;
  typeRef?: string;
  /** Unary tests the input value must pass (`inputValues`), when present. */
  inputValues?: string;
}

export interface DmnOutput {
  id: string;
  label?: string;
  /** The key of this output in a multi-output result (required when there are several outputs). */
  name?: string;
  typeRef?: string;
  /** Unary tests an output value must pass, and the priority order for PRIORITY / OUTPUT ORDER. */
  outputValues?: string;
  /** FEEL expression giving the output when no rule matches. */
  defaultOutputEntry?: string;
}

export interface DmnRule {
  id: string;
  description?: string;
  /** Unary tests, one per input; empty text means `-`. */
  inputEntries: string[];
  /** FEEL expressions, one per output; empty text means null. */
  outputEntries: string[];
}

export interface DmnLiteralExpressionDecision extends DecisionCommon {
  type: 'LITERAL_EXPRESSION';
  expression: string;
  variableName?: string;
  typeRef?: string;
}

/** The result of evaluating a decision and the decisions it requires. */
export type DecisionEvaluation =
  | { ok: true; output: unknown; evaluatedDecisions: EvaluatedDecision[] }
  | { ok: false; failedDecisionId: string; message: string; evaluatedDecisions: EvaluatedDecision[] };

/**
 * One evaluated decision, as zeebe.proto's `EvaluatedDecision` (the engine adds `decisionKey`,
 * `decisionVersion` and `tenantId`). Values are JSON text.
 */
export interface EvaluatedDecision {
  decisionId: string;
  decisionName: string;
  decisionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  decisionOutput: string;
  evaluatedInputs: EvaluatedInput[];
  matchedRules: MatchedRule[];
}

export interface EvaluatedInput {
  inputId: string;
  inputName: string;
  inputValue: string;
}

export interface MatchedRule {
  ruleId: string;
  /** 1-based position of the rule in its table. */
  ruleIndex: number;
  evaluatedOutputs: EvaluatedOutput[];
}

export interface EvaluatedOutput {
  outputId: string;
  outputName: string;
  outputValue: string;
}
