import { evaluateExpression, evaluateUnaryTests, isExpression } from './index';

describe('FEEL', () => {
  it('evaluates an expression with its leading =', () => {
    expect(evaluateExpression('= a + 1', { a: 2 })).toEqual({ ok: true, value: 3 });
  });

  it('reports a syntax error instead of throwing', () => {
    const r = evaluateExpression('=foo(', {});
    expect(r.ok).toBe(false);
  });

  it('tells expressions from static values', () => {
    expect(isExpression('=x')).toBe(true);
    expect(isExpression('payment')).toBe(false);
  });

  it('evaluates unary tests against the input', () => {
    expect(evaluateUnaryTests('[1..5]', 3, {})).toEqual({ ok: true, value: true });
    expect(evaluateUnaryTests('[1..5]', 7, {})).toEqual({ ok: true, value: false });
  });
});
