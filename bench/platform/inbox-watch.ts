import type { IplusProcess } from '../../test/e2e/platform/iplus-process';

// How bench:platform's watchers see new mandates in the two agencies' inboxes (run.ts, upload->visible).

/** A position in an inbox (the API's keyset cursor: deadline and id of the last mandate seen). */
const cursorAfter = (deadline: string, id: string) =>
  Buffer.from(JSON.stringify([deadline, id])).toString('base64url');

/**
 * How far back each look at an inbox reaches before the last mandate seen (BENCH_OVERLAP_MS, default
 * 500 ms; it was 2 s until 2026-12-06). Each look returns the mandates issued in that window (about
 * 10 a look at 20 uploads/s, against 40 with 2 s), and the watchers look about 100 times a second,
 * each look audited: the watching is load on the platform, not only a measure of it. A mandate passed over would
 * never be seen and the decision would count as failed, so `failed 0` shows the window is wide
 * enough.
 */
const OVERLAP_MS = Number(process.env.BENCH_OVERLAP_MS ?? 500);

// BENCH_WATCH: how the watchers learn of new mandates. `poll` (the default): each reads its inbox
// every BENCH_POLL_MS (10 ms; at 40 ms the platform's CPU a decision fell by 2.6 ms, 2026-12-07).
// `changes`: each waits for its inbox to change (GET /api/mandates/changes, answered when a mandate
// enters it) and then reads it. Measured 2026-12-07 (bench/RESULTS.md): no less CPU a
// decision and no better latency at 20 uploads/s, since the inbox changes every 25-50 ms and a wait
// then answers at once; under load a watcher reads back to back, without the poll's pause.
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 10);
export const WATCH = process.env.BENCH_WATCH === 'changes' ? 'changes' : 'poll';

/**
 * Watches one agency's inbox for new mandates. Each read asks for what lies after the last mandate
 * seen, less OVERLAP_MS (the inbox is sorted by deadline, and new mandates have the latest
 * deadlines), so it costs one light request whatever the number of decisions in flight. Between
 * reads it waits for the inbox to change (BENCH_WATCH=changes) or POLL_MS (BENCH_WATCH=poll).
 */
export function watchInbox(
  iplus: IplusProcess,
  user: string,
  seen: (decisionId: string, at: number) => void,
): () => void {
  let cursor: string | undefined;
  let stopped = false;
  void (async () => {
    // The inbox's position before the first read: a change after it ends the first wait at once.
    let token = WATCH === 'changes' ? await changedSince(iplus, user, undefined) : undefined;
    while (!stopped) {
      const res = await iplus
        .as<{
          items: Array<{ id: string; decisionId: string; deadline: string }>;
        }>('' + user, 'GET', `/api/mandates?limit=500${cursor ? `&cursor=${cursor}` : ''}`)
        .catch(() => undefined);
      const at = performance.now();
      const items = res?.body.items ?? [];
      for (const m of items) seen(m.decisionId, at);
      // Overlap (OVERLAP_MS): mandates issued at the same moment may commit in another order than
      // their deadlines (on PostgreSQL they take the writers' lock after computing them), so a
      // cursor right after the last one seen could pass over one committed a moment later.
      const last = items[items.length - 1];
      if (last) cursor = cursorAfter(new Date(Date.parse(last.deadline) - OVERLAP_MS).toISOString(), '');
      if (token === undefined) await new Promise((r) => setTimeout(r, POLL_MS));
      else token = await changedSince(iplus, user, token);
    }
  })();
  return () => (stopped = true);
}

/** Waits up to 5 s for `user`'s inbox to change after `since` (at once without it); its new position. */
async function changedSince(iplus: IplusProcess, user: string, since: string | undefined): Promise<string> {
  const query = since === undefined ? '' : `?since=${since}&waitSeconds=5`;
  const res = await iplus
    .as<{ token: string }>(user, 'GET', `/api/mandates/changes${query}`)
    .catch(() => undefined);
  if (res?.status === 200) return res.body.token;
  // A failed wait reads the inbox again after a pause, with a token that answers at once.
  await new Promise((r) => setTimeout(r, 10));
  return '';
}
