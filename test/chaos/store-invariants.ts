import * as fs from 'node:fs';
import * as path from 'node:path';
import SQLite from 'better-sqlite3';
import type { ClientLedger } from './client-ledger';
import { sha256 } from './decision-pdf';
import { checkMovedCase, type RouteOf } from './move-invariants';

/** Element types that only contain others: an open one is never a wait state by itself. */
const CONTAINERS = new Set([
  'PROCESS',
  'SUB_PROCESS',
  'MULTI_INSTANCE_BODY',
  'CALL_ACTIVITY',
  'EVENT_SUB_PROCESS',
]);
/**
 * Where a case's processes may wait: a mandate's acknowledgement, report or next report period; the
 * measure's end (timer, or a new end date); a release.
 */
const WAITS = new Set([
  'MandateAcknowledged',
  'MandateReported',
  'NextReportDue',
  'EndWait',
  'MeasureEndReached',
  'EndChanged',
  'EndSet',
  'ReleaseAnnounced',
  'ReleaseTime',
]);
/** Messages a running decision's process listens to, correlated on the decision id (issue 15). */
const DECISION_MESSAGES = new Set([
  'PersonReleased',
  'MeasureEndChanged',
  'DomicileMoved',
  'MeasureRevised',
  'MeasureRevoked',
]);
/** Statuses of a measure that is over. */
const OVER = ['ended', 'revoked'];

export interface StoreCounts {
  decisions: number;
  signalements: number;
  mandates: number;
  acknowledged: number;
  reported: number;
  breaches: number;
  oldChannel: number;
  /** Moves the processes applied (issue 15). */
  moves: number;
  /** Measures that reached their end (the measureEnd timer), and revoked ones. */
  ended: number;
  revoked: number;
  processInstances: number;
  duplicatesCancelled: number;
  /** Duplicate follow-ups of hand-issued mandates still waiting (cancelled at their first job). */
  duplicateFollowUpsWaiting: number;
  /** Completed duplicate instances of erased cases the erasure left in the engine (a known gap). */
  erasedCaseLeftovers: number;
  incidents: string[];
}

/** Opens a SQLite file read-only beside the running service (WAL lets it read while they write). */
export function readOnly(file: string): SQLite.Database {
  return new SQLite(file, { readonly: true, fileMustExist: true });
}

/**
 * Jobs still to run (an exhausted one is an incident, not pending work) and outbox items not yet
 * carried out: what the drain waits for.
 */
export function pendingWork(dataDir: string): { jobs: number; outbox: number; incidents: string[] } {
  const engine = readOnly(path.join(dataDir, 'engine', 'engine.db'));
  const platform = readOnly(path.join(dataDir, 'platform', 'platform.sqlite'));
  try {
    const jobs = engine
      .prepare(
        `SELECT COUNT(*) AS n FROM job
         WHERE state IN ('ACTIVATABLE', 'ACTIVATED') OR (state = 'FAILED' AND retries > 0)`,
      )
      .get() as { n: number };
    const outbox = platform
      .prepare('SELECT COUNT(*) AS n FROM outbox WHERE done_at IS NULL AND given_up_at IS NULL')
      .get() as { n: number };
    const incidents = (
      engine
        .prepare(`SELECT element_id, error_message FROM incident WHERE state = 'ACTIVE' LIMIT 3`)
        .all() as Array<{ element_id: string; error_message: string }>
    ).map((i) => `${i.element_id}: ${i.error_message}`);
    return { jobs: jobs.n, outbox: outbox.n, incidents };
  } finally {
    engine.close();
    platform.close();
  }
}

/**
 * The chaos run's invariants over the whole of both databases (not only what the ledger saw):
 * documents intact, one signalement and one mandate per routed recipient, old channel once, every
 * acknowledgement and report kept and carried to the engine, every process instance finished or
 * waiting on a mandate's message, duplicates cancelled, no incident. Returns the failures found.
 */
export function checkStores(
  dataDir: string,
  ledger: ClientLedger,
  routeOf: RouteOf,
): { failures: string[]; counts: StoreCounts } {
  const failures: string[] = [];
  const p = readOnly(path.join(dataDir, 'platform', 'platform.sqlite'));
  const e = readOnly(path.join(dataDir, 'engine', 'engine.db'));
  // one snapshot of each (the scheduled purge may still run while the invariants read)
  p.exec('BEGIN');
  e.exec('BEGIN');
  try {
    const decisions = p.prepare('SELECT * FROM decisions').all() as Array<Record<string, string | null>>;
    const sent = new Map([...ledger.decisions.values()].map((d) => [d.reference, d]));
    const count = (sql: string, ...args: unknown[]) => (p.prepare(sql).get(...args) as { n: number }).n;
    // cases the retention purge erased (retention-invariants.ts checks them): nothing of them is kept
    const erased = new Set(
      (p.prepare('SELECT decision_id FROM erasures').all() as Array<{ decision_id: string }>).map(
        (r) => r.decision_id,
      ),
    );
    let moves = 0;

    // Documents: every decision's file is there with the hash it was sent with; no orphan file.
    const referenced = new Set<string>();
    for (const d of decisions) {
      const s = sent.get(d.reference!);
      if (!s) failures.push(`decision ${d.id} (${d.reference}) was never sent by the client`);
      else if (s.documentSha256 !== d.document_sha256)
        failures.push(`decision ${d.id}: document_sha256 ${d.document_sha256} differs from the one sent`);
      const file = path.join(
        dataDir,
        'platform',
        'documents',
        d.document_sha256!.slice(0, 2),
        `${d.document_sha256}.pdf`,
      );
      if (!fs.existsSync(file)) failures.push(`decision ${d.id}: document file missing`);
      else if (sha256(fs.readFileSync(file)) !== d.document_sha256)
        failures.push(`decision ${d.id}: document corrupt`);
      referenced.add(d.document_sha256!);
    }
    const docsRoot = path.join(dataDir, 'platform', 'documents');
    for (const sub of fs.readdirSync(docsRoot)) {
      for (const name of fs.readdirSync(path.join(docsRoot, sub))) {
        if (sub === 'tmp') failures.push(`temporary document left: ${name}`);
        else if (!referenced.has(name.replace(/\.pdf$/, ''))) failures.push(`orphan document ${sub}/${name}`);
      }
    }

    // Routing outcome per decision: live → one signalement and one mandate per routed recipient;
    // not live → old channel, one coordinator notification, nothing sent as if live.
    for (const d of decisions) {
      const s = sent.get(d.reference!);
      const sigs = count('SELECT COUNT(*) AS n FROM signalements WHERE decision_id = ?', d.id);
      const mandates = p
        .prepare('SELECT kind, recipient_id FROM mandates WHERE decision_id = ? ORDER BY kind')
        .all(d.id) as Array<{ kind: string; recipient_id: string }>;
      const oldChannel = count(
        `SELECT COUNT(*) AS n FROM notifications WHERE decision_id = ? AND kind = 'old_channel'`,
        d.id,
      );
      if (!d.process_instance_key) failures.push(`decision ${d.id}: no process instance recorded`);
      if (!s) continue;
      const moved = count(
        `SELECT COUNT(*) AS n FROM decision_changes WHERE decision_id = ? AND kind = 'move'`,
        d.id,
      );
      if (s.route.live && moved > 0) {
        // moved (issue 15): the replay of its moves says which mandates it has, open and closed
        const over = OVER.includes(d.status!);
        if (!over && sigs !== 1) failures.push(`decision ${d.id} (live, moved): ${sigs} signalements`);
        if (sigs > 1) failures.push(`decision ${d.id} (live, moved, ${d.status}): ${sigs} signalements`);
        const r = checkMovedCase(
          p,
          { id: d.id!, status: d.status!, measure: d.measure! },
          { place: s.place, route: s.route },
          routeOf,
          over,
        );
        failures.push(...r.failures);
        moves += r.moves;
        if (!['routed', 'closed', ...OVER].includes(d.status!))
          failures.push(`decision ${d.id} (live, moved): status ${d.status}`);
      } else if (s.route.live) {
        const expected = s.route.recipients.map((r) => `${r.kind}:${r.agencyId}`).sort();
        const got = mandates.map((m) => `${m.kind}:${m.recipient_id}`).sort();
        if (OVER.includes(d.status!)) {
          // revoked (or its end reached: a resend long after the first try) while it was being routed:
          // what was made before the end, never more, never twice
          if (sigs > 1) failures.push(`decision ${d.id} (live, ${d.status}): ${sigs} signalements`);
          if (new Set(got).size !== got.length || got.some((g) => !expected.includes(g)))
            failures.push(
              `decision ${d.id} (live, ${d.status}): mandates ${got.join(',')}, expected at most ${expected.join(',')}`,
            );
        } else {
          if (sigs !== 1) failures.push(`decision ${d.id} (live): ${sigs} signalements`);
          if (JSON.stringify(got) !== JSON.stringify(expected))
            failures.push(
              `decision ${d.id} (live): mandates ${got.join(',')}, expected ${expected.join(',')}`,
            );
        }
        if (oldChannel !== 0)
          failures.push(`decision ${d.id} (live): ${oldChannel} old-channel notifications`);
        if (!['routed', 'closed', ...OVER].includes(d.status!))
          failures.push(`decision ${d.id} (live): status ${d.status}`);
      } else {
        if (sigs !== 0 || mandates.length !== 0)
          failures.push(`decision ${d.id} (not live): ${sigs} signalements, ${mandates.length} mandates`);
        if (oldChannel !== 1)
          failures.push(`decision ${d.id} (not live): ${oldChannel} old-channel notifications`);
        if (d.status !== 'old_channel' && d.status !== 'revoked')
          failures.push(`decision ${d.id} (not live): status ${d.status}`);
      }
    }

    // Acknowledgements and reports answered 2xx are kept.
    const mandateRows = p.prepare('SELECT * FROM mandates').all() as Array<
      Record<string, string | number | null>
    >;
    const byId = new Map(mandateRows.map((m) => [m.id as string, m]));
    for (const [id, a] of ledger.acknowledged) {
      if (erased.has(a.decisionId)) continue;
      const m = byId.get(id);
      if (!m || !['acknowledged', 'reported', 'closed'].includes(m.status as string))
        failures.push(`acknowledged mandate ${id} is ${m?.status ?? 'missing'}`);
    }
    for (const [id, r] of ledger.reported) {
      if (erased.has(r.decisionId)) continue;
      const m = byId.get(id);
      if (!['reported', 'closed'].includes(m?.status as string) || m?.report_outcome !== r.outcome)
        failures.push(
          `reported mandate ${id} is ${m?.status ?? 'missing'} (${m?.report_outcome}), sent ${r.outcome}`,
        );
    }
    // Every breach reached the parquet exactly once; nothing else did.
    for (const m of mandateRows) {
      const n = count(
        `SELECT COUNT(*) AS n FROM notifications WHERE mandate_id = ? AND kind = 'breach'`,
        m.id,
      );
      const want = m.report_breach === 1 ? 1 : 0;
      if (n !== want)
        failures.push(`mandate ${m.id} (${m.status}, breach ${m.report_breach}): ${n} breach notifications`);
    }
    const stuckOutbox = p
      .prepare('SELECT key, last_error FROM outbox WHERE done_at IS NULL OR given_up_at IS NOT NULL')
      .all() as Array<{ key: string; last_error: string | null }>;
    for (const o of stuckOutbox) failures.push(`outbox item ${o.key} not carried out: ${o.last_error}`);

    // The engine: each mandate's process waits for what its status says, and nothing else.
    const openSubs = e
      .prepare(
        `SELECT message_name, correlation_key, process_instance_key AS pik FROM message_subscription WHERE state = 'CREATED'`,
      )
      .all() as Array<{ message_name: string; correlation_key: string; pik: number }>;
    const subsOf = new Map<string, Array<{ name: string; pik: string }>>();
    for (const s of openSubs)
      subsOf.set(s.correlation_key, [
        ...(subsOf.get(s.correlation_key) ?? []),
        { name: s.message_name, pik: String(s.pik) },
      ]);
    // A hand-issued mandate's follow-up is started from the outbox; a kill between the start and
    // recording its key leaves a second instance, which the claim cancels at its first job (the
    // escalation, hours later): only the recorded instance's subscriptions count, the others are
    // counted as waiting duplicates.
    let duplicateFollowUpsWaiting = 0;
    // A mandate's follow-up also listens for MandateClosed until it ends; a reported guidance mandate
    // waits for its next report period (MandateClosed only).
    for (const m of mandateRows) {
      const want =
        m.status === 'issued'
          ? [['MandateAcknowledged', 'MandateClosed']]
          : m.status === 'acknowledged'
            ? [['MandateClosed', 'MandateReported']]
            : m.status === 'reported'
              ? [[], ['MandateClosed']]
              : [[]];
      const recorded =
        m.origin === 'manual' && m.process_instance_key ? String(m.process_instance_key) : null;
      const all = subsOf.get(m.id as string) ?? [];
      const mine = recorded ? all.filter((x) => x.pik === recorded) : all;
      duplicateFollowUpsWaiting += new Set(all.filter((x) => !mine.includes(x)).map((x) => x.pik)).size;
      const got = mine.map((x) => x.name).sort();
      if (!want.some((w) => JSON.stringify(got) === JSON.stringify(w)))
        failures.push(
          `mandate ${m.id} (${m.status}): engine waits for [${got.join(', ')}], expected ${JSON.stringify(want)}`,
        );
      subsOf.delete(m.id as string);
    }
    const byDecision = new Map(decisions.map((d) => [d.id!, d]));
    for (const [key, subs] of subsOf) {
      const names = subs.map((x) => x.name);
      const d = byDecision.get(key);
      const running = d && !OVER.includes(d.status!) && d.status !== 'old_channel';
      if (!running || names.some((n) => !DECISION_MESSAGES.has(n)))
        failures.push(
          `open subscription(s) ${names.join(', ')} for ${d ? `decision ${key} (${d.status})` : `unknown key ${key}`}`,
        );
    }

    // A live measure whose end came (its timer on the real clock) has ended, unless revoked before.
    const now = ledger.drainedAt ?? Date.now();
    for (const d of decisions) {
      const s = sent.get(d.reference!);
      if (s?.route.live && s.endsAt !== undefined && s.endsAt < now && !OVER.includes(d.status!))
        failures.push(
          `decision ${d.id}: its measure ended at ${new Date(s.endsAt).toISOString()}, yet it is ${d.status}`,
        );
    }

    // An ended or revoked measure has no active signalement and no open mandate (issue 15).
    for (const d of decisions) {
      if (ledger.revoked.has(d.id!) && d.status !== 'revoked')
        failures.push(`decision ${d.id} was revoked (2xx) but is ${d.status}`);
      if (!OVER.includes(d.status!)) continue;
      const active = count(
        `SELECT COUNT(*) AS n FROM signalements WHERE decision_id = ? AND status = 'active'`,
        d.id,
      );
      const open = count(
        `SELECT COUNT(*) AS n FROM mandates WHERE decision_id = ? AND status <> 'closed'`,
        d.id,
      );
      if (active > 0) failures.push(`decision ${d.id} (${d.status}): ${active} active signalement(s)`);
      if (open > 0) failures.push(`decision ${d.id} (${d.status}): ${open} open mandate(s)`);
    }

    // Process instances: the recorded one per decision finished or waits on a mandate's message;
    // any other instance of the decision's process is a duplicate and was cancelled.
    const recorded = new Map(decisions.map((d) => [String(d.process_instance_key), d]));
    const instances = e
      .prepare('SELECT CAST(key AS TEXT) AS key, bpmn_process_id, state FROM process_instance')
      .all() as Array<{ key: string; bpmn_process_id: string; state: string }>;
    let duplicatesCancelled = 0;
    let erasedCaseLeftovers = 0;
    const decisionOf = e.prepare(
      `SELECT value FROM variable WHERE process_instance_key = ? AND scope_key = process_instance_key AND name = 'decisionId'`,
    );
    const openElements = e.prepare(
      `SELECT element_id, element_type, state FROM element_instance
       WHERE process_instance_key = ? AND state NOT IN ('COMPLETED', 'TERMINATED')`,
    );
    const mandateOf = e.prepare(
      `SELECT value FROM variable WHERE process_instance_key = ? AND scope_key = process_instance_key AND name = 'mandateId'`,
    );
    for (const pi of instances) {
      const d = recorded.get(pi.key);
      if (!d && pi.bpmn_process_id === 'mandate-follow-up') {
        // a mandate's follow-up (called by its decision's process): running while the mandate waits
        const v = mandateOf.get(pi.key) as { value: string } | undefined;
        const m = v ? byId.get(JSON.parse(v.value) as string) : undefined;
        if (!m) {
          // an erased case's instances are deleted with it, the ones the platform never recorded too
          const of = decisionOf.get(pi.key) as { value: string } | undefined;
          const caseId = of ? (JSON.parse(of.value) as string) : undefined;
          failures.push(
            `follow-up instance ${pi.key} (${pi.state}) belongs to no mandate (${v ? `mandate ${v.value}` : 'no mandateId'}, ${caseId ? `case ${caseId}${erased.has(caseId) ? ', erased' : ''}` : 'no decisionId'})`,
          );
        } else if (
          m.origin === 'manual' &&
          m.process_instance_key &&
          String(m.process_instance_key) !== pi.key
        ) {
          // a second follow-up of a hand-issued mandate (a kill between its start and recording its
          // key): cancelled by its first step; one that took the mandate's MandateClosed completed
          if (pi.state === 'TERMINATED') duplicatesCancelled++;
          else if (pi.state === 'COMPLETED' && m.status !== 'closed')
            failures.push(`mandate ${m.id} (${m.status}): a duplicate follow-up ${pi.key} completed`);
        } else if (['issued', 'acknowledged'].includes(m.status as string) && pi.state !== 'ACTIVE')
          failures.push(`mandate ${m.id} (${m.status}): its follow-up ${pi.key} is ${pi.state}`);
        else if (m.status === 'closed' && pi.state === 'ACTIVE')
          failures.push(`mandate ${m.id} is closed but its follow-up ${pi.key} is still active`);
        continue;
      }
      if (!d) {
        const of = decisionOf.get(pi.key) as { value: string } | undefined;
        if (pi.state === 'TERMINATED') duplicatesCancelled++;
        // a known gap (docs/RELIABILITY.md): a duplicate instance of an erased case that ran to its end
        // before a job could cancel it (it took the case's revocation) is not deleted by the erasure,
        // which deletes the recorded one
        else if (pi.state === 'COMPLETED' && of && erased.has(JSON.parse(of.value) as string))
          erasedCaseLeftovers++;
        else
          failures.push(
            `process instance ${pi.key} (${pi.bpmn_process_id}) belongs to no decision and is ${pi.state}`,
          );
        continue;
      }
      // the measure runs until it ends (an open-ended one until it is revoked); old channel: done
      const want = OVER.includes(d.status!) || d.status === 'old_channel' ? 'COMPLETED' : 'ACTIVE';
      if (pi.state !== want)
        failures.push(`decision ${d.id}: process instance ${pi.key} is ${pi.state}, expected ${want}`);
      for (const el of openElements.all(pi.key) as Array<{
        element_id: string;
        element_type: string;
        state: string;
      }>) {
        if (!CONTAINERS.has(el.element_type) && !WAITS.has(el.element_id))
          failures.push(
            `decision ${d.id}: process instance ${pi.key} stuck at ${el.element_id} (${el.element_type}, ${el.state})`,
          );
      }
    }
    const openJobs = e
      .prepare(
        `SELECT type, state, error_message FROM job WHERE state IN ('ACTIVATABLE', 'ACTIVATED', 'FAILED')`,
      )
      .all() as Array<{ type: string; state: string; error_message: string | null }>;
    for (const j of openJobs) failures.push(`job ${j.type} still ${j.state}: ${j.error_message ?? ''}`);
    const incidents = (
      e.prepare('SELECT error_type, error_message, element_id, state FROM incident').all() as Array<
        Record<string, string>
      >
    ).map((i) => `${i.state} ${i.error_type} at ${i.element_id}: ${i.error_message}`);

    return {
      failures,
      counts: {
        decisions: decisions.length,
        signalements: count('SELECT COUNT(*) AS n FROM signalements'),
        mandates: mandateRows.length,
        acknowledged: mandateRows.filter((m) => m.status !== 'issued').length,
        reported: mandateRows.filter((m) => m.status === 'reported').length,
        breaches: count(`SELECT COUNT(*) AS n FROM notifications WHERE kind = 'breach'`),
        oldChannel: count(`SELECT COUNT(*) AS n FROM notifications WHERE kind = 'old_channel'`),
        moves,
        ended: decisions.filter((d) => d.status === 'ended').length,
        revoked: decisions.filter((d) => d.status === 'revoked').length,
        processInstances: instances.length,
        duplicatesCancelled,
        duplicateFollowUpsWaiting,
        erasedCaseLeftovers,
        incidents,
      },
    };
  } finally {
    p.close();
    e.close();
  }
}
