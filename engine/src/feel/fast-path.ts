import type { SyntaxNode } from '@lezer/common';
import { compareValues, isPrimitive } from './compare';

/** Returned by a fast evaluator that met a value it does not handle; the caller then asks feelin. */
export const DEOPT: unique symbol = Symbol('deopt');

/** A compiled evaluator of a FEEL expression over plain JSON variables. */
export type FastEvaluator = (context: Record<string, unknown>) => unknown;

type Compiled = FastEvaluator;

/**
 * Compiles the common shapes of FEEL expressions (literals, variables and paths, comparisons,
 * `and`/`or`, arithmetic on numbers and strings, `not()`, `if`, list and context literals) into
 * JavaScript closures, once. Conditions and mappings then evaluate in well under a microsecond
 * instead of being parsed by feelin each time. Anything else returns undefined (feelin evaluates
 * it). A closure returns `DEOPT` when it meets a value that is not plain JSON. The semantics are
 * feelin's with `rewrite.ts` applied: property-based tests hold the two paths to each other.
 */
export function compileFast(
  source: string,
  root: SyntaxNode,
  reservedNames: { has(name: string): boolean },
  knownNames: readonly string[] = [],
): FastEvaluator | undefined {
  const declared = new Map(knownNames.map((name) => [normalizeName(name), name]));
  try {
    return compile(root);
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }

  function text(node: SyntaxNode): string {
    return source.slice(node.from, node.to);
  }

  function compile(node: SyntaxNode): Compiled {
    const parts = children(node);
    switch (node.name) {
      case 'Expression':
      case 'ParenthesizedExpression':
        return compile(single(parts.filter((p) => p.name !== '(' && p.name !== ')')));
      case 'NumericLiteral':
        return numericLiteral(text(node));
      case 'StringLiteral':
        return stringLiteral(text(node));
      case 'BooleanLiteral': {
        const value = text(node) === 'true';
        return () => value;
      }
      case 'null':
        return () => null;
      case 'VariableName':
        return variable(variableName(node, parts));
      case 'PathExpression':
        return path(parts);
      case 'Comparison':
        return comparison(parts);
      case 'Conjunction':
      case 'Disjunction':
        return logical(node.name, parts);
      case 'ArithmeticExpression':
        return arithmetic(parts);
      case 'FunctionInvocation':
        return negation(parts);
      case 'IfExpression':
        return conditional(parts);
      case 'List': {
        const items = parts.filter((p) => p.name !== '[' && p.name !== ']').map(compile);
        return (ctx) => {
          const out: unknown[] = new Array(items.length);
          for (let i = 0; i < items.length; i++) {
            const v = items[i](ctx);
            if (v === DEOPT) return DEOPT;
            out[i] = v;
          }
          return out;
        };
      }
      case 'Context':
        return contextLiteral(parts.filter((p) => p.name === 'ContextEntry'));
      default:
        throw UNSUPPORTED;
    }
  }

  function variableName(node: SyntaxNode, parts: SyntaxNode[]): string {
    if (parts.length === 1 && parts[0].name === 'BacktickIdentifier') {
      const name = text(parts[0]).slice(1, -1);
      if (reservedNames.has(name)) throw UNSUPPORTED;
      return name;
    }
    if (parts.length !== 1 || parts[0].name !== 'Identifier') {
      // a declared name with spaces or operator characters (`routes-BE-WHT`)
      const known = declared.get(normalizeName(text(node)));
      if (known === undefined) throw UNSUPPORTED;
      return known;
    }
    const name = text(node);
    if (reservedNames.has(name) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw UNSUPPORTED;
    return name;
  }

  function path(parts: SyntaxNode[]): Compiled {
    if (parts.length !== 3 || parts[1].name !== '.' || parts[2].name !== 'PathName') throw UNSUPPORTED;
    const target = compile(parts[0]);
    const nameParts = children(parts[2]);
    if (nameParts.length !== 1) throw UNSUPPORTED;
    let key: string;
    if (nameParts[0].name === 'Identifier') key = text(parts[2]);
    else if (nameParts[0].name === 'BacktickIdentifier') key = text(nameParts[0]).slice(1, -1);
    else throw UNSUPPORTED;
    const property = (value: unknown): unknown => {
      if (value === null || typeof value !== 'object') return null;
      if (!isPlainObject(value)) return DEOPT;
      return Object.prototype.hasOwnProperty.call(value, key) ? plain(value[key]) : null;
    };
    return (ctx) => {
      const value = target(ctx);
      if (value === DEOPT) return DEOPT;
      if (!Array.isArray(value)) return property(value);
      const out: unknown[] = [];
      for (const item of value) {
        const v = property(item);
        if (v === DEOPT) return DEOPT;
        out.push(v);
      }
      return out;
    };
  }

  function comparison(parts: SyntaxNode[]): Compiled {
    if (parts.length !== 3 || parts[1].name !== 'CompareOp') throw UNSUPPORTED;
    const [left, right] = [compile(parts[0]), compile(parts[2])];
    const op = text(parts[1]);
    const test = comparisons[op];
    if (!test) throw UNSUPPORTED;
    return (ctx) => {
      const a = left(ctx);
      if (a === DEOPT) return DEOPT;
      const b = right(ctx);
      if (b === DEOPT) return DEOPT;
      return test(a, b);
    };
  }

  function logical(kind: string, parts: SyntaxNode[]): Compiled {
    if (parts.length !== 3) throw UNSUPPORTED;
    const [left, right] = [compile(parts[0]), compile(parts[2])];
    const decisive = kind === 'Conjunction' ? false : true;
    return (ctx) => {
      const l = left(ctx);
      if (l === DEOPT) return DEOPT;
      const r = right(ctx);
      if (r === DEOPT) return DEOPT;
      const a = typeof l === 'boolean' ? l : null;
      const b = typeof r === 'boolean' ? r : null;
      if (a === decisive || b === decisive) return decisive;
      if (a === !decisive && b === !decisive) return !decisive;
      return null;
    };
  }

  function arithmetic(parts: SyntaxNode[]): Compiled {
    if (parts.length === 2 && parts[0].name === 'ArithOp' && text(parts[0]) === '-') {
      const operand = compile(parts[1]);
      return (ctx) => {
        const v = operand(ctx);
        if (v === DEOPT) return DEOPT;
        if (typeof v === 'number') return 0 - v;
        return isPrimitive(v) || Array.isArray(v) ? null : DEOPT;
      };
    }
    if (parts.length !== 3 || parts[1].name !== 'ArithOp') throw UNSUPPORTED;
    const op = arithmetics[text(parts[1])];
    if (!op) throw UNSUPPORTED;
    const [left, right] = [compile(parts[0]), compile(parts[2])];
    return (ctx) => {
      const a = left(ctx);
      if (a === DEOPT) return DEOPT;
      const b = right(ctx);
      if (b === DEOPT) return DEOPT;
      return op(a, b);
    };
  }

  function negation(parts: SyntaxNode[]): Compiled {
    const [callee, open, args, close] = parts;
    if (parts.length !== 4 || open.name !== '(' || close.name !== ')') throw UNSUPPORTED;
    if (callee.name !== 'VariableName' || text(callee) !== 'not' || args.name !== 'PositionalParameters') {
      throw UNSUPPORTED;
    }
    const operand = compile(single(children(args)));
    return (ctx) => {
      const v = operand(ctx);
      if (v === DEOPT) return DEOPT;
      return typeof v === 'boolean' ? !v : null;
    };
  }

  function conditional(parts: SyntaxNode[]): Compiled {
    if (parts.length !== 6) throw UNSUPPORTED;
    const [condition, then, otherwise] = [compile(parts[1]), compile(parts[3]), compile(parts[5])];
    return (ctx) => {
      const c = condition(ctx);
      if (c === DEOPT) return DEOPT;
      // feelin takes the `then` branch for any value but false and null
      return c !== false && c !== null ? then(ctx) : otherwise(ctx);
    };
  }

  function contextLiteral(entries: SyntaxNode[]): Compiled {
    const compiled = entries.map((entry) => {
      const [key, value] = children(entry);
      if (!key || key.name !== 'Key' || !value) throw UNSUPPORTED;
      const keyParts = children(key);
      let name: string;
      if (keyParts.length === 1 && keyParts[0].name === 'StringLiteral') {
        name = stringValue(text(keyParts[0]));
      } else if (keyParts.length === 1 && keyParts[0].name === 'Name' && children(keyParts[0]).length === 1) {
        name = text(keyParts[0]);
      } else throw UNSUPPORTED;
      return { name, value: compile(value) };
    });
    const names = new Set(compiled.map((e) => e.name));
    // an entry may read an earlier one ({a: 1, b: a + 1}); keep those to feelin
    for (const entry of entries) {
      if (mentionsAny(entry, names)) throw UNSUPPORTED;
    }
    return (ctx) => {
      const out: Record<string, unknown> = {};
      for (const { name, value } of compiled) {
        const v = value(ctx);
        if (v === DEOPT) return DEOPT;
        out[name] = v;
      }
      return out;
    };
  }

  function mentionsAny(entry: SyntaxNode, names: Set<string>): boolean {
    const visit = (node: SyntaxNode): boolean => {
      if (node.name === 'VariableName' && names.has(text(node))) return true;
      for (let child = node.firstChild; child; child = child.nextSibling) if (visit(child)) return true;
      return false;
    };
    return visit(children(entry)[1]);
  }
}

const UNSUPPORTED = Symbol('unsupported');

/** A name as feelin matches it: spaces around operator characters and runs of spaces do not count. */
function normalizeName(name: string): string {
  return name
    .replace(/\s*([./\-'+]|\*\*?)\s*/g, ' $1 ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function children(node: SyntaxNode): SyntaxNode[] {
  const result: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.type.isError) throw UNSUPPORTED;
    if (child.name !== 'LineComment' && child.name !== 'BlockComment') result.push(child);
  }
  return result;
}

function single(nodes: SyntaxNode[]): SyntaxNode {
  if (nodes.length !== 1) throw UNSUPPORTED;
  return nodes[0];
}

function numericLiteral(literal: string): Compiled {
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(literal)) throw UNSUPPORTED;
  // as feelin reads it
  const value = literal.includes('.') ? parseFloat(literal) : parseInt(literal, 10);
  return () => value;
}

function stringValue(literal: string): string {
  if (literal.includes('\\')) throw UNSUPPORTED;
  return literal.slice(1, -1);
}

function stringLiteral(literal: string): Compiled {
  const value = stringValue(literal);
  return () => value;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A variable's value as the fast path sees it: plain JSON, or DEOPT for anything else. */
function plain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint'
      ? DEOPT
      : value;
  }
  return Array.isArray(value) || isPlainObject(value) ? value : DEOPT;
}

function variable(name: string): Compiled {
  return (ctx) => (Object.prototype.hasOwnProperty.call(ctx, name) ? plain(ctx[name]) : null);
}

/** `=` on plain values as feelin does it; lists and contexts go to feelin. */
function equality(a: unknown, b: unknown): unknown {
  if (!isPrimitive(a) || !isPrimitive(b)) return DEOPT;
  if (a === null || b === null) return a === b;
  if (typeof a !== typeof b) return null;
  return a === b;
}

function ordering(accept: (order: number) => boolean): (a: unknown, b: unknown) => unknown {
  return (a, b) => {
    if (!isPrimitive(a) && !Array.isArray(a) && !isPlainObject(a as object)) return DEOPT;
    if (!isPrimitive(b) && !Array.isArray(b) && !isPlainObject(b as object)) return DEOPT;
    const order = compareValues(a, b);
    return order === null ? null : accept(order);
  };
}

const comparisons: Record<string, (a: unknown, b: unknown) => unknown> = {
  '=': equality,
  '!=': (a, b) => {
    const r = equality(a, b);
    return r === DEOPT || r === null ? r : !r;
  },
  '<': ordering((o) => o < 0),
  '<=': ordering((o) => o <= 0),
  '>': ordering((o) => o > 0),
  '>=': ordering((o) => o >= 0),
};

function numeric(op: (a: number, b: number) => unknown): (a: unknown, b: unknown) => unknown {
  return (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return op(a, b);
    return isJson(a) && isJson(b) ? null : DEOPT;
  };
}

function isJson(value: unknown): boolean {
  return isPrimitive(value) || Array.isArray(value) || isPlainObject(value as object);
}

const arithmetics: Record<string, (a: unknown, b: unknown) => unknown> = {
  '+': (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a + b;
    if (typeof a === 'string' && typeof b === 'string') return a + b;
    return isJson(a) && isJson(b) ? null : DEOPT;
  },
  '-': numeric((a, b) => a - b),
  '*': numeric((a, b) => a * b),
  '/': numeric((a, b) => (b === 0 ? null : a / b)),
  '**': numeric((a, b) => Math.pow(a, b)),
};
