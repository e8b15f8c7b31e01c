import { compileExpression, evaluateExpression, evaluateUnaryTests, isExpression } from './index';

describe('FEEL', () => {
  it('evaluates an expression with its leading =', () => {
    expect(evaluateExpression('= a + 1', { a: 2 })).toEqual({ ok: true, value: 3 });
  });

  it('reports a syntax error instead of throwing, naming the expression and the position', () => {
    expect(evaluateExpression('=foo(', {})).toEqual({
      ok: false,
      message: "failed to parse expression 'foo(': unexpected end at position 5",
    });
  });

  it('reports an unknown function by name', () => {
    expect(evaluateExpression('shout("a")', {})).toEqual({
      ok: false,
      message: `failed to evaluate expression 'shout("a")': no function found with name 'shout'`,
    });
  });

  it('reports a call with the wrong number of arguments', () => {
    const r = evaluateExpression('trim("a", "b")', {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^failed to evaluate expression 'trim\("a", "b"\)': /);
  });

  it('gives null for a variable that does not exist, as Zeebe 8.3+ does', () => {
    expect(evaluateExpression('missing', {})).toEqual({ ok: true, value: null });
    expect(evaluateExpression('missing.deeper', {})).toEqual({ ok: true, value: null });
  });

  it('tells expressions from static values', () => {
    expect(isExpression('=x')).toBe(true);
    expect(isExpression('  =x')).toBe(true);
    expect(isExpression('payment')).toBe(false);
  });

  it('evaluates unary tests against the input', () => {
    expect(evaluateUnaryTests('[1..5]', 3, {})).toEqual({ ok: true, value: true });
    expect(evaluateUnaryTests('[1..5]', 7, {})).toEqual({ ok: true, value: false });
  });

  it('reports unary tests that do not parse', () => {
    const r = evaluateUnaryTests('[1..', 3, {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/^failed to parse unary tests '\[1\.\.'/);
  });
});

describe('the clock', () => {
  it('reads now() and today() from the clock the caller passes', () => {
    const now = () => new Date('2030-12-31T23:59:59.000Z');
    expect(evaluateExpression('now()', {}, { now })).toEqual({ ok: true, value: '2030-12-31T23:59:59Z' });
    expect(evaluateExpression('today()', {}, { now })).toEqual({ ok: true, value: '2030-12-31' });
  });

  it('reads the system clock when none is passed', () => {
    const before = Date.now();
    const r = evaluateExpression('now()', {});
    expect(r.ok).toBe(true);
    const at = Date.parse((r as { value: string }).value);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('lets a condition compare a date stored as a variable with now()', () => {
    const now = () => new Date('2026-06-01T12:00:00Z');
    const deadline = evaluateExpression('now() + duration("P1D")', {}, { now });
    expect(deadline).toEqual({ ok: true, value: '2026-06-02T12:00Z' });
    const later = () => new Date('2026-06-03T00:00:00Z');
    const variables = { deadline: (deadline as { value: string }).value };
    expect(evaluateExpression('now() > date and time(deadline)', variables, { now })).toEqual({
      ok: true,
      value: false,
    });
    expect(evaluateExpression('now() > date and time(deadline)', variables, { now: later })).toEqual({
      ok: true,
      value: true,
    });
  });
});

describe('comparisons follow FEEL typing, not JavaScript coercion', () => {
  const cases: Array<[string, Record<string, unknown>, unknown]> = [
    ['amount > 100', { amount: 150 }, true],
    ['amount > 100', { amount: '150' }, null],
    ['amount < 100', { amount: true }, null],
    ['amount <= 100', { amount: null }, null],
    ['name >= "m"', { name: 'paul' }, true],
    ['count(list[item > 1])', { list: [1, 2, 3] }, 2],
    ['list[item >= 2 and item < 3]', { list: [1, 2, 3] }, [2]],
    ['date(d) < date("2020-02-01")', { d: '2020-01-01' }, true],
    ['date(d) < 5', { d: '2020-01-01' }, null],
    ['duration("P1D") > duration("PT23H")', {}, true],
    ['duration("P1M") > duration("PT23H")', {}, null],
  ];
  it.each(cases)('%s with %j is %j', (expression, variables, expected) => {
    expect(evaluateExpression(expression, variables)).toEqual({ ok: true, value: expected });
  });

  it('the compiled fast path and feelin agree on them', () => {
    for (const [expression, variables, expected] of cases) {
      for (const fastPath of [true, false]) {
        const compiled = compileExpression(expression, { fastPath });
        if (!compiled.ok) throw new Error(compiled.message);
        expect([expression, fastPath, compiled.expression.evaluate(variables)]).toEqual([
          expression,
          fastPath,
          { ok: true, value: expected },
        ]);
      }
    }
  });
});

describe('compileExpression', () => {
  it('runs common conditions and mappings on the fast path', () => {
    for (const source of [
      'a > 5',
      'x.y = "z" and not(done)',
      '{ zone: a.b, total: n * 2 }',
      '[a, b, -1.5]',
    ]) {
      const r = compileExpression(source);
      expect(r.ok && r.expression.fast).toBe(true);
    }
  });

  it('leaves everything else to feelin', () => {
    for (const source of ['count(x)', 'for i in x return i', 'date("2020-01-01")', 'x[1]', '"a\\"b"']) {
      const r = compileExpression(source);
      expect(r.ok && r.expression.fast).toBe(false);
    }
  });

  it('falls back to feelin when a variable is not plain JSON', () => {
    const r = compileExpression('d');
    if (!r.ok) throw new Error(r.message);
    expect(r.expression.fast).toBe(true);
    expect(r.expression.evaluate({ d: new Date('2020-01-01T00:00:00Z') })).toEqual({
      ok: true,
      value: '2020-01-01T00:00Z',
    });
  });

  it('resolves names with operator characters that the caller declares', () => {
    const variables = { 'routes-BE-WHT': { zone: 'PZ-5318' } };
    for (const fastPath of [true, false]) {
      const declared = compileExpression('routes-BE-WHT.zone', { knownNames: ['routes-BE-WHT'], fastPath });
      expect(declared.ok && declared.expression.fast).toBe(fastPath);
      expect(declared.ok && declared.expression.evaluate(variables)).toEqual({ ok: true, value: 'PZ-5318' });
    }
    const undeclared = compileExpression('routes - BE - WHT', {});
    expect(undeclared.ok && undeclared.expression.evaluate({ routes: 5, BE: 1, WHT: 1 })).toEqual({
      ok: true,
      value: 3,
    });
  });

  it("reads Camunda's backtick names, on the fast path too", () => {
    const variables = { 'routes-BE-WHT': { 'police zone': 'PZ-5318' } };
    for (const fastPath of [true, false]) {
      const r = compileExpression('`routes-BE-WHT`.`police zone`', { fastPath });
      expect(r.ok && r.expression.fast).toBe(fastPath);
      expect(r.ok && r.expression.evaluate(variables)).toEqual({ ok: true, value: 'PZ-5318' });
    }
    expect(evaluateUnaryTests('`max value`', 3, { 'max value': 3 })).toEqual({ ok: true, value: true });
  });

  it('rejects an empty expression', () => {
    expect(compileExpression('= ')).toEqual({
      ok: false,
      message: "failed to parse expression ' ': it is empty",
    });
  });
});
