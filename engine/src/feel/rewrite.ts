import type { SyntaxNode, Tree } from '@lezer/common';
import { OPERATOR } from './functions/operator-functions';

/**
 * Rewrites a parsed FEEL text so that feelin computes what Zeebe computes where the two differ:
 * `a * b` and `a / b` become `__iplus_multiply(a, b)` / `__iplus_divide(a, b)` (durations times
 * numbers), `a < b` (and `<=`, `>`, `>=`) become `__iplus_lt(a, b)` etc. (no ordering across types),
 * and `date and time(...)` becomes `__iplus_date_and_time(...)` (reads Zeebe's zoned text). A
 * comparison that is itself a filter (`list[item > 5]`) keeps feelin's operator, because feelin
 * tells filters from indexes by the operator. Returns the text unchanged when nothing applies.
 */
export function rewriteOperators(source: string, tree: Tree): string {
  return emit(tree.topNode);

  function text(from: number, to: number): string {
    return source.slice(from, to);
  }

  /** The node's text with each child replaced by its own rewriting. */
  function emitFrom(node: SyntaxNode, first: SyntaxNode | null, from: number): string {
    let out = '';
    let at = from;
    for (let child = first; child; child = child.nextSibling) {
      out += text(at, child.from) + emit(child);
      at = child.to;
    }
    return out + text(at, node.to);
  }

  function emit(node: SyntaxNode): string {
    const parts = children(node);
    if (node.name === 'ArithmeticExpression' && parts.length === 3 && parts[1].name === 'ArithOp') {
      const op = text(parts[1].from, parts[1].to);
      if (op === '*' || op === '/') {
        return call(op === '*' ? OPERATOR.multiply : OPERATOR.divide, parts[0], parts[2]);
      }
    }
    if (node.name === 'Comparison' && parts.length === 3 && parts[1].name === 'CompareOp') {
      const op = text(parts[1].from, parts[1].to);
      if ((op === '<' || op === '<=' || op === '>' || op === '>=') && !isFilterCondition(node)) {
        return call(OPERATOR[op], parts[0], parts[2]);
      }
    }
    if (node.name === 'DateTimeLiteral' && parts[0]?.name === 'DateTimeConstructor') {
      if (text(parts[0].from, parts[0].to).replace(/\s+/g, ' ') === 'date and time') {
        return OPERATOR.dateAndTime + emitFrom(node, parts[0].nextSibling, parts[0].to);
      }
    }
    return emitFrom(node, node.firstChild, node.from);
  }

  function call(name: string, left: SyntaxNode, right: SyntaxNode): string {
    return `${name}((${emit(left)}), (${emit(right)}))`;
  }
}

function children(node: SyntaxNode): SyntaxNode[] {
  const result: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'LineComment' && child.name !== 'BlockComment') result.push(child);
  }
  return result;
}

/** True for the condition of a filter, `[item > 5]`, possibly in parentheses. */
function isFilterCondition(node: SyntaxNode): boolean {
  let n = node;
  while (n.parent?.name === 'ParenthesizedExpression') n = n.parent;
  const parent = n.parent;
  return parent?.name === 'FilterExpression' && parent.firstChild?.from !== n.from;
}

/** The first syntax error of a parse, as "at position N near '...'", or undefined. */
export function firstSyntaxError(source: string, tree: Tree): string | undefined {
  let found: string | undefined;
  tree.iterate({
    enter(node) {
      if (found) return false;
      if (node.type.isError) {
        const near = source.slice(node.from, Math.max(node.to, node.from + 10)).trim();
        found = near
          ? `unexpected '${near}' at position ${node.from + 1}`
          : `unexpected end at position ${node.from + 1}`;
        return false;
      }
      return undefined;
    },
  });
  return found;
}
