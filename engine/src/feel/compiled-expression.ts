import { evaluate as feelinEvaluate, parseExpression } from 'feelin';
import { compileFast, DEOPT, type FastEvaluator } from './fast-path';
import { functionsUsedBy, pickFunctions, type FunctionTable, type Now } from './functions/function-library';
import { DIALECT, isFunctionName, parseContext } from './parse-context';
import { firstSyntaxError, rewriteOperators } from './rewrite';
import { toVariableValue } from './variable-value';

export type FeelContext = Record<string, unknown>;

export type FeelResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Options of one evaluation: the clock `now()` and `today()` read (the system clock by default). */
export interface EvaluationOptions {
  now?: Now;
}

/** Options of a compilation: names with spaces or operator characters that variables will have. */
export interface CompileOptions {
  knownNames?: readonly string[];
  /** false evaluates through feelin every time (for tests and benchmarks that compare the two). */
  fastPath?: boolean;
}

/** A FEEL expression parsed once, to be evaluated many times. */
export interface CompiledExpression {
  /** The expression's text, without its leading `=`. */
  readonly source: string;
  /** True when the expression runs on compiled closures rather than through feelin. */
  readonly fast: boolean;
  /** Evaluates to a JSON value (temporal values as Zeebe's text). Never throws. */
  evaluate(context: FeelContext, options?: EvaluationOptions): FeelResult;
  /** Evaluates to the FEEL value itself (dates stay dates), for callers that compare results. */
  evaluateRaw(context: FeelContext, options?: EvaluationOptions): FeelResult;
}

export type CompileResult = { ok: true; expression: CompiledExpression } | { ok: false; message: string };

/** Warnings after which Zeebe fails the evaluation rather than returning null. */
const FATAL_WARNINGS = new Set(['NO_FUNCTION_FOUND', 'FUNCTION_INVOCATION_FAILURE']);

/** Strips the leading `=` of a `zeebe:*` expression attribute. */
export function expressionText(expression: string): string {
  const trimmed = expression.trimStart();
  return trimmed.startsWith('=') ? trimmed.slice(1) : expression;
}

/**
 * Parses a FEEL expression once (with or without its leading `=`). Syntax errors are reported
 * here, with the expression and the position; evaluating the result never throws.
 */
export function compileExpression(expression: string, options: CompileOptions = {}): CompileResult {
  const source = expressionText(expression);
  if (source.trim() === '')
    return { ok: false, message: `failed to parse expression '${source}': it is empty` };
  let tree;
  try {
    tree = parseExpression(source, parseContext(options.knownNames), DIALECT);
  } catch (e) {
    return { ok: false, message: `failed to parse expression '${source}': ${(e as Error).message}` };
  }
  const error = firstSyntaxError(source, tree);
  if (error) return { ok: false, message: `failed to parse expression '${source}': ${error}` };
  const rewritten = rewriteOperators(source, tree);
  const reserved = { has: isFunctionName };
  const fast =
    options.fastPath === false ? undefined : compileFast(source, tree.topNode, reserved, options.knownNames);
  return { ok: true, expression: new Expression(source, new FeelinProgram(source, rewritten), fast) };
}

/**
 * A text feelin evaluates (parsing it each time: feelin has no compiled form), with the functions
 * it calls from our library. Shared by expressions and unary tests.
 */
export class FeelinProgram {
  private readonly functionNames: string[];
  private readonly onSystemClock: FunctionTable;

  constructor(
    readonly source: string,
    readonly text: string,
  ) {
    this.functionNames = functionsUsedBy(text);
    this.onSystemClock = pickFunctions(this.functionNames);
  }

  /** The evaluation context: our functions, then the variables (which hide a function of the same name). */
  scope(context: FeelContext, options: EvaluationOptions | undefined): FeelContext {
    const functions = options?.now ? pickFunctions(this.functionNames, options.now) : this.onSystemClock;
    return this.functionNames.length === 0 ? context : { ...functions, ...context };
  }
}

class Expression implements CompiledExpression {
  readonly fast: boolean;

  constructor(
    readonly source: string,
    private readonly program: FeelinProgram,
    private readonly fastEvaluator: FastEvaluator | undefined,
  ) {
    this.fast = fastEvaluator !== undefined;
  }

  evaluate(context: FeelContext, options?: EvaluationOptions): FeelResult {
    const r = this.evaluateRaw(context, options);
    if (!r.ok) return r;
    const v = r.value;
    if (typeof v === 'string' || typeof v === 'boolean' || v === null) return r;
    return { ok: true, value: toVariableValue(v) };
  }

  evaluateRaw(context: FeelContext, options?: EvaluationOptions): FeelResult {
    if (this.fastEvaluator) {
      const value = this.fastEvaluator(context);
      if (value !== DEOPT) return { ok: true, value };
    }
    return evaluateWithFeelin(this.program, context, options);
  }
}

/** Runs a program's (rewritten) text through feelin with our functions in scope. */
function evaluateWithFeelin(
  program: FeelinProgram,
  context: FeelContext,
  options?: EvaluationOptions,
): FeelResult {
  const { source } = program;
  try {
    const { value, warnings } = feelinEvaluate(program.text, program.scope(context, options), DIALECT) as {
      value: unknown;
      warnings: Array<{ type: string; message: string }>;
    };
    const fatal = warnings.find((w) => FATAL_WARNINGS.has(w.type));
    if (fatal) {
      return {
        ok: false,
        message: `failed to evaluate expression '${source}': ${describeFailure(fatal, warnings)}`,
      };
    }
    return { ok: true, value: value === undefined ? null : value };
  } catch (e) {
    return { ok: false, message: `failed to evaluate expression '${source}': ${(e as Error).message}` };
  }
}

/** True for a warning after which Zeebe fails the evaluation rather than returning null. */
export function isFatal(warning: { type: string }): boolean {
  return FATAL_WARNINGS.has(warning.type);
}

/** feelin says "Cannot invoke 'null'" for an unknown function; say which name was not found. */
export function describeFailure(
  fatal: { type: string; message: string },
  warnings: Array<{ type: string; message: string }>,
): string {
  if (fatal.type === 'NO_FUNCTION_FOUND') {
    const missing = warnings.find((w) => w.type === 'NO_VARIABLE_FOUND');
    const name = missing && /'(.*)'/.exec(missing.message)?.[1];
    if (name) return `no function found with name '${name}'`;
  }
  return fatal.message;
}
