import type { Mandate } from '../../api/types';

/** True when a mandate still waits for acknowledgement past its deadline (or the platform says so). */
export function isOverdue(m: Pick<Mandate, 'overdue' | 'status' | 'deadline'>, now: Date): boolean {
  return m.overdue || (m.status === 'issued' && Date.parse(m.deadline) < now.getTime());
}

/**
 * The inbox order: open mandates first (issued, then acknowledged waiting for a report), each by
 * deadline, earliest first; reported ones last, most recent deadline first.
 */
export function inboxOrder<T extends Pick<Mandate, 'status' | 'deadline' | 'id'>>(mandates: T[]): T[] {
  const rank = (m: T) => (m.status === 'issued' ? 0 : m.status === 'acknowledged' ? 1 : 2);
  return [...mandates].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r) return r;
    const d = Date.parse(a.deadline) - Date.parse(b.deadline);
    if (d) return rank(a) === 2 ? -d : d;
    return a.id.localeCompare(b.id);
  });
}

/** Time left before a deadline (negative when past), in ms. */
export function timeLeft(deadline: string, now: Date): number {
  return Date.parse(deadline) - now.getTime();
}
