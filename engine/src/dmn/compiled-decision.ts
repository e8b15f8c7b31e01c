import type { CompiledExpression, CompiledUnaryTests, StaticValue } from '../feel';
import type { DmnDecisionTable, DmnLiteralExpressionDecision } from './types';
import type { RuleIndex } from './rule-index';

/** A decision ready to evaluate: its FEEL parsed once, its rules indexed. */
export type CompiledDecision = CompiledTable | CompiledLiteral;

export interface CompiledLiteral {
  kind: 'literal';
  decision: DmnLiteralExpressionDecision;
  expression: CompiledExpression;
}

export interface CompiledTable {
  kind: 'table';
  decision: DmnDecisionTable;
  inputs: CompiledInput[];
  outputs: CompiledOutput[];
  rules: CompiledRule[];
  index: RuleIndex;
}

export interface CompiledInput {
  id: string;
  /** The label, or the input expression when there is none: how messages and audit name it. */
  name: string;
  expression: CompiledExpression;
  allowed?: CompiledUnaryTests;
}

export interface CompiledOutput {
  id: string;
  /** Key in a multi-output result. */
  name: string;
  allowed?: CompiledUnaryTests;
  /** Rank of each listed output value (0 first), for PRIORITY and OUTPUT ORDER. */
  priority?: Map<StaticValue, number>;
  fallback?: CompiledExpression;
}

export interface CompiledRule {
  id: string;
  /** 1-based. */
  index: number;
  /** One per input; undefined for `-` (or empty), which matches anything. */
  entries: Array<CompiledUnaryTests | undefined>;
  /** One per output; undefined for an empty entry, which gives null. */
  outputs: Array<CompiledExpression | undefined>;
}

/** All decisions of a definitions object by id. */
export type CompiledDefinitions = Map<string, CompiledDecision>;
