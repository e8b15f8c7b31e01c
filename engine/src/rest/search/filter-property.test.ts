import { ApiProblem } from '../problem';
import type { FieldSpec } from './entity-spec';
import { filterCondition } from './filter-property';
import { encodeCursor, parsePage } from './page-request';

const text: FieldSpec = { column: 'x', kind: 'string', nullable: true };
const state: FieldSpec = {
  column: 's',
  kind: 'enum',
  values: { ACTIVE: ['ACTIVATING', 'ACTIVATED'], COMPLETED: ['COMPLETED'], MIGRATED: [] },
};

describe('filter properties as SQL', () => {
  it("turns Camunda's $like wildcards into a case-sensitive GLOB, keeping escaped ones literal", () => {
    expect(filterCondition(text, { $like: 'M-*' }, 'f')).toEqual({ sql: '(x) GLOB ?', params: ['M-*'] });
    expect(filterCondition(text, { $like: 'a\\*b?[c' }, 'f').params).toEqual(['a[*]b?[[]c']);
  });

  it('expands enum values to the engine states they stand for; a value with none matches nothing', () => {
    expect(filterCondition(state, 'ACTIVE', 'f')).toEqual({
      sql: '(s) IN (?, ?)',
      params: ['ACTIVATING', 'ACTIVATED'],
    });
    expect(filterCondition(state, 'MIGRATED', 'f')).toEqual({ sql: '0', params: [] });
    expect(filterCondition(state, { $like: '*TED' }, 'f').params).toEqual(['COMPLETED']);
  });

  it('keeps rows without a value for $neq and $notIn on nullable columns', () => {
    expect(filterCondition(text, { $neq: 'a' }, 'f').sql).toBe('((x) <> ? OR (x) IS NULL)');
  });

  it('combines several operators with AND and converts dates to epoch milliseconds', () => {
    const date: FieldSpec = { column: 'd', kind: 'date' };
    expect(filterCondition(date, { $gte: '2026-01-01T00:00:00Z', $lt: '2026-01-02T00:00:00Z' }, 'f')).toEqual(
      {
        sql: '(d) >= ? AND (d) < ?',
        params: [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2)],
      },
    );
  });

  it('refuses what the client must fix, saying where', () => {
    expect(() => filterCondition(text, { $gt: 'a' }, 'filter.name')).toThrow(
      /filter.name.\$gt: unknown or unsupported operator/,
    );
    expect(() => filterCondition(text, {}, 'filter.name')).toThrow(ApiProblem);
    expect(() => filterCondition({ column: 'k', kind: 'key' }, '12a', 'filter.key')).toThrow(
      /string of digits/,
    );
    expect(() => filterCondition({ column: 'b', kind: 'bool' }, 'yes', 'filter.b')).toThrow(/true or false/);
  });
});

describe('page', () => {
  it('defaults to the first 100 and reads cursors back', () => {
    expect(parsePage(undefined)).toEqual({ limit: 100, from: 0 });
    expect(parsePage({ after: encodeCursor(['ACTIVE', 12]), limit: 5 })).toEqual({
      limit: 5,
      from: 0,
      after: ['ACTIVE', 12],
    });
  });
  it('refuses a limit above 10,000 or below 1, and both cursors at once', () => {
    expect(() => parsePage({ limit: 10_001 })).toThrow(/1 to 10000/);
    expect(() => parsePage({ limit: 0 })).toThrow(/1 to 10000/);
    expect(() => parsePage({ after: encodeCursor([1]), before: encodeCursor([1]) })).toThrow(/not both/);
    expect(() => parsePage({ size: 5 })).toThrow(/page.size is not a paging field/);
  });
});
