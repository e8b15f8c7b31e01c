import { inboxOrder, isOverdue, timeLeft } from './inbox-order';

const now = new Date('2026-11-26T12:00:00Z');
const m = (
  id: string,
  status: 'issued' | 'acknowledged' | 'reported',
  deadline: string,
  overdue = false,
) => ({
  id,
  status,
  deadline,
  overdue,
});

describe('inbox order', () => {
  it('puts issued mandates first by deadline, then acknowledged, then reported', () => {
    const order = inboxOrder([
      m('r1', 'reported', '2026-11-20T00:00:00Z'),
      m('a1', 'acknowledged', '2026-11-25T00:00:00Z'),
      m('i2', 'issued', '2026-11-27T09:00:00Z'),
      m('i1', 'issued', '2026-11-26T09:00:00Z'),
      m('r2', 'reported', '2026-11-22T00:00:00Z'),
    ]).map((x) => x.id);
    expect(order).toEqual(['i1', 'i2', 'a1', 'r2', 'r1']);
  });

  it('marks mandates overdue past their deadline while not acknowledged', () => {
    expect(isOverdue(m('x', 'issued', '2026-11-26T11:59:00Z'), now)).toBe(true);
    expect(isOverdue(m('x', 'issued', '2026-11-26T12:01:00Z'), now)).toBe(false);
    expect(isOverdue(m('x', 'acknowledged', '2026-11-26T11:00:00Z'), now)).toBe(false);
    expect(isOverdue(m('x', 'acknowledged', '2026-11-26T13:00:00Z', true), now)).toBe(true);
    expect(timeLeft('2026-11-26T13:00:00Z', now)).toBe(3_600_000);
  });
});
