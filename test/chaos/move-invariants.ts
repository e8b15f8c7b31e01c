import type SQLite from 'better-sqlite3';
import { placeOf, type Place } from './chaos-cases';
import type { ExpectedRoute } from './client-ledger';

/** The expected route of a place and measure (the routing preview's, as the run saw it before the load). */
export type RouteOf = (place: Place, measure: string) => ExpectedRoute;

/** What a case's moves should have left, replayed from its first route (as `applyMove` re-routes). */
export interface MovesReplayed {
  /** Every mandate ever issued, as `kind:agency`, sorted (each move issues once). */
  issued: string[];
  /** The mandates still open, by kind (one each). */
  open: Map<string, string>;
  /** Moves into a region not live that sent a new part to the old channel. */
  oldChannel: string[];
}

/**
 * Replays the moves a case's process applied, in order: each kind of mandate whose recipient changes
 * is closed, and issued to the new recipient in a live region; in a region not live the changed part
 * goes to the old channel once.
 */
export function replayMoves(
  first: ExpectedRoute,
  moves: Array<{ id: string; to: ExpectedRoute }>,
): MovesReplayed {
  const open = new Map(first.recipients.map((r) => [r.kind, r.agencyId]));
  const issued = first.recipients.map((r) => `${r.kind}:${r.agencyId}`);
  const oldChannel: string[] = [];
  for (const m of moves) {
    const changed = m.to.recipients.filter((w) => open.get(w.kind) !== w.agencyId);
    for (const c of changed) {
      open.delete(c.kind);
      if (m.to.live) {
        open.set(c.kind, c.agencyId);
        issued.push(`${c.kind}:${c.agencyId}`);
      }
    }
    if (!m.to.live && changed.length > 0) oldChannel.push(m.id);
  }
  return { issued: issued.sort(), open, oldChannel };
}

interface MandateRow {
  id: string;
  kind: string;
  recipient_id: string;
  status: string;
  close_reason: string | null;
}

/**
 * A moved case (issue 15): its mandates are the ones the replay of its applied moves issued, none
 * twice; the open ones go to the new police zone and justice house, exactly one of each kind, and
 * the old ones are closed because of the move; a move into a region not live reached the old channel
 * once. A measure that is over (ended, revoked) has all its mandates closed (checked beside) and
 * may have been cut during a re-routing: then at most what the replay issued. Every move of a case
 * still running was applied. Returns the failures; `moves` counts the applied moves.
 */
export function checkMovedCase(
  p: SQLite.Database,
  d: { id: string; status: string; measure: string },
  first: { place: Place; route: ExpectedRoute },
  routeOf: RouteOf,
  over: boolean,
): { failures: string[]; moves: number } {
  const failures: string[] = [];
  const changes = p
    .prepare(
      `SELECT id, payload_json, applied_at FROM decision_changes
       WHERE decision_id = ? AND kind = 'move' ORDER BY applied_at, id`,
    )
    .all(d.id) as Array<{ id: string; payload_json: string; applied_at: string | null }>;
  const applied = changes.filter((c) => c.applied_at !== null);
  if (!over)
    for (const c of changes)
      if (c.applied_at === null) failures.push(`decision ${d.id}: move ${c.id} never applied`);
  // Only the moves that re-routed count: one superseded by a move recorded after it is marked applied
  // and does nothing (lifecycle/apply-move.ts), whenever its job runs; the others re-route in the order
  // they were recorded, each leaving its `rerouted` event.
  const rerouted = p.prepare(`SELECT 1 FROM decision_events WHERE key = ?`);
  const acted = applied.filter((c) => rerouted.get(`rerouted:${d.id}:${c.id}`) !== undefined);
  const moves = acted.map((c) => {
    const nis = (JSON.parse(c.payload_json) as { to: { nis: string } }).to.nis;
    const place = placeOf(nis);
    if (!place) throw new Error(`move ${c.id} of ${d.id} went to ${nis}, a place the run never sends`);
    return { id: c.id, to: routeOf(place, d.measure) };
  });
  const want = replayMoves(first.route, moves);
  const mandates = p
    .prepare('SELECT id, kind, recipient_id, status, close_reason FROM mandates WHERE decision_id = ?')
    .all(d.id) as MandateRow[];
  const got = mandates.map((m) => `${m.kind}:${m.recipient_id}`).sort();
  if (over) {
    const left = [...want.issued];
    for (const g of got) {
      const i = left.indexOf(g);
      if (i < 0)
        failures.push(
          `decision ${d.id} (${d.status}, moved): mandate ${g} issued beyond ${want.issued.join(',')}`,
        );
      else left.splice(i, 1);
    }
  } else {
    if (JSON.stringify(got) !== JSON.stringify(want.issued))
      failures.push(
        `decision ${d.id} (moved ${moves.length}x): mandates ${got.join(',')}, expected ${want.issued.join(',')}`,
      );
    const open = mandates.filter((m) => m.status !== 'closed');
    const openGot = open.map((m) => `${m.kind}:${m.recipient_id}`).sort();
    const openWant = [...want.open].map(([k, a]) => `${k}:${a}`).sort();
    if (JSON.stringify(openGot) !== JSON.stringify(openWant))
      failures.push(
        `decision ${d.id} (moved): open mandates ${openGot.join(',')}, expected ${openWant.join(',')}`,
      );
    for (const m of mandates)
      if (m.status === 'closed' && m.close_reason !== 'moved')
        failures.push(`decision ${d.id} (moved, ${d.status}): mandate ${m.id} closed for ${m.close_reason}`);
    const oldChannel = (
      p
        .prepare(`SELECT COUNT(*) AS n FROM notifications WHERE decision_id = ? AND kind = 'old_channel'`)
        .get(d.id) as { n: number }
    ).n;
    if (oldChannel !== want.oldChannel.length)
      failures.push(
        `decision ${d.id} (moved): ${oldChannel} old-channel notifications, expected ${want.oldChannel.length}`,
      );
  }
  return { failures, moves: applied.length };
}
