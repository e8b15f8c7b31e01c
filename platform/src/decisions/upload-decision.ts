import { measureEndAt, type PeriodFacts } from '../domain/measure-period';
import { prisonUpload, type IssuedFacts } from '../domain/prison-issued';
import { relaxedStatement, transact } from '../store/database';
import * as crypto from 'node:crypto';
import type { Principal } from '../auth/roles';
import { conflict, forbidden, invalid, UserError, type FieldProblem } from '../errors';
import { Outbox } from '../outbox/outbox';
import { defaultLanguage } from '../routing/preview-routing';
import type { ServiceContext } from '../service-context';
import { nextValue, sequenceId } from '../store/counters';
import { sha256Hex } from '../store/document-store';
import { documentRemovedMeanwhile, removeDocumentIfUnused } from '../store/document-use';
import { recordEvent, type DecisionRow } from '../views/decision-records';
import { decisionView, type DecisionView } from '../views/decision-view';
import { checkPdf } from './pdf-check';

export interface UploadRequest {
  /** The decision as sent (JSON object, or the multipart `decision` part parsed). */
  decision: unknown;
  document: { fileName: string; bytes: Buffer } | undefined;
  justification?: string;
}

export interface UploadResult {
  /** 201 for a new decision, 200 for the same reference with the same content. */
  status: 200 | 201;
  decision: DecisionRow;
}

/** Outbox key of the item that starts a decision's process. */
export const startKey = (decisionId: string) => `start:${decisionId}`;

/** How long an upload waits for the engine to start its process before answering without the key. */
const START_WAIT_MS = 3000;

/**
 * What `POST /api/decisions` answers: takes the decision in (`uploadDecision`), then starts its
 * process at once rather than at the outbox's next round, waiting at most `START_WAIT_MS` for the
 * engine, so the answer usually carries the process instance key; a start that takes longer goes
 * on in the outbox. Returns the status and the decision as the caller may see it.
 */
export async function receiveDecision(
  ctx: ServiceContext,
  p: Principal,
  req: UploadRequest,
): Promise<{ status: 200 | 201; view: DecisionView }> {
  const result = await uploadDecision(ctx, p, req);
  const row = result.decision;
  if (!row.process_instance_key) {
    await Promise.race([
      ctx.outbox.runNow(startKey(row.id)),
      new Promise((r) => setTimeout(r, START_WAIT_MS).unref()),
    ]);
  }
  // The view reads the row again (with the key the start recorded), on one snapshot with the rest.
  return { status: result.status, view: await decisionView(ctx, row) };
}

/**
 * Takes a decision in: validates it (every problem at once), checks the PDF, stores the document
 * durably and then the row, the timeline's first event, the audit entry and the process start in one
 * transaction. Idempotent on the reference: the same content again answers 200 with the same
 * decision; different content answers 409 and changes nothing.
 */
export async function uploadDecision(
  ctx: ServiceContext,
  p: Principal,
  req: UploadRequest,
): Promise<UploadResult> {
  if (p.role !== 'parquet_clerk' && p.role !== 'admin' && p.role !== 'prison_officer') {
    throw forbidden(
      `uploading a decision is for parquet clerks (and prisons, for a leave of a person they hold); you are ${p.role} of ${p.agencyId}`,
    );
  }
  const problems: FieldProblem[] = [];
  const checked = ctx.rules.validate(p.role === 'prison_officer' ? ownPrison(req.decision, p) : req.decision);
  if (!checked.ok) problems.push(...checked.errors.map((e) => ({ ...e, field: `decision.${e.field}` })));
  if (!req.document) {
    problems.push({
      field: 'document',
      code: 'document_missing',
      message: 'attach the decision document (PDF) as "document"',
    });
  } else {
    problems.push(...checkPdf(req.document.bytes, ctx.settings.maxDocumentBytes));
  }
  if (!checked.ok || problems.length > 0) {
    const tooLarge = problems.find((e) => e.code === 'document_too_large');
    if (tooLarge && problems.length === 1) {
      throw new UserError({
        status: 413,
        code: 'document_too_large',
        title: 'Document too large',
        detail: tooLarge.message,
        errors: problems,
      });
    }
    throw invalid(problems);
  }
  const value =
    p.role === 'prison_officer' ? await asPrisonUpload(ctx, p, checked.value, req) : checked.value;
  const period = value as PeriodFacts & { awaitingRelease?: boolean };
  const document = req.document!;
  const nis = value.person.domicile.municipalityNis!;
  const municipality = ctx.reference.municipality(nis)!;
  const documentSha256 = sha256Hex(document.bytes);
  const contentSha256 = sha256Hex(`${ctx.rules.canonicalJson(value)}\n${documentSha256}`);

  // A prison's decision belongs to the parquet of the person's domicile, as an admin's upload does.
  const parquetId = p.role === 'parquet_clerk' ? p.agencyId : (municipality.parquetId ?? 'PAR-UNKNOWN');
  const issuerId = p.role === 'prison_officer' ? p.agencyId : parquetId;
  const existing = await sameReference(ctx, p, value.reference, contentSha256, req.justification);
  if (existing) return { status: 200, decision: existing };

  // The decision's number is drawn in a statement of its own, committed without waiting for the
  // disk: drawn inside the upload's, the counter's row stayed locked until that commit, behind the
  // writers' lock, and every other upload queued for it (on PostgreSQL, the upload path's
  // bottleneck under load). The price is a gap in the numbers when an upload fails after drawing
  // one. Nothing is lost: the upload's durable commit comes later in the log and its flush covers
  // the draw; a draw lost in a crash was used by no committed decision, so it may come again.
  // Drawn while the document is stored (neither needs the other): a failure to store it is the one
  // reported, and a failed draw is handled below with the rest.
  const drawing = relaxedStatement(ctx.db, (db) => nextValue(db, 'decision'));
  drawing.catch(() => undefined);
  // `late`: the writers' lock only around the audit entry (the chain's head) and the commit, so
  // uploads do not queue behind every other writer for their whole transaction. The statements
  // before it are inserts of new keys, each correct beside other writers (a same-reference race
  // fails on the unique index and is answered below, as before).
  const commit = (seq: number): Promise<DecisionRow> =>
    transact(
      ctx.db,
      async (trx) => {
        const id = sequenceId('D', seq);
        const now = ctx.clock.now().toISOString();
        const created = await trx
          .insertInto('decisions')
          .values({
            id,
            seq,
            reference: value.reference,
            content_sha256: contentSha256,
            document_sha256: documentSha256,
            document_name: sanitiseFileName(document.fileName),
            document_bytes: document.bytes.length,
            input_json: JSON.stringify(value),
            status: period.awaitingRelease ? 'awaiting_release' : 'received',
            parquet_id: parquetId,
            province: municipality.province,
            nis,
            measure: value.measure,
            prison_id: value.prisonId ?? null,
            language: value.language ?? defaultLanguage(municipality.languageArea),
            routing_json: null,
            process_instance_key: null,
            created_at: now,
            created_by: p.user,
            measure_start: period.measureStart ?? null,
            measure_end: measureEndAt(period, {
              awaiting: period.awaitingRelease === true,
              releasedAt: null,
            }),
            measure_duration: period.measureDuration ?? null,
            awaiting_release: period.awaitingRelease ? 1 : 0,
            released_at: null,
            ended_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordEvent(trx, { decisionId: id, at: now, event: 'uploaded', agencyId: issuerId });
        if (period.awaitingRelease) {
          await recordEvent(trx, {
            decisionId: id,
            at: now,
            event: 'awaiting_release',
            agencyId: value.prisonId,
          });
        }
        await Outbox.enqueueIn(trx, ctx.clock.now(), {
          key: startKey(id),
          kind: 'start_decision',
          payload: { decisionId: id },
        });
        await ctx.audit.appendIn(trx, {
          user: p.user,
          agencyId: p.agencyId,
          action: 'decision.create',
          object: id,
          justification: req.justification,
          outcome: 'ok',
        });
        return created;
      },
      'late',
    );

  // The document is held from its `put` to the decision's commit, so a removal (an erasure of the
  // last case that used the same document) waits rather than cutting in between (DocumentHolds).
  const outcome = await ctx.documents.holds.shared(documentSha256, async () => {
    let stored = await ctx.documents.put(document.bytes);
    try {
      const seq = await drawing;
      try {
        return { row: await commit(seq) };
      } catch (e) {
        // Another PostgreSQL instance removed the document between the put and the insert: store it
        // again (the decision's number was not used: its insert rolled back) and commit once more.
        if (!documentRemovedMeanwhile(e)) throw e;
        stored = await ctx.documents.put(document.bytes);
        return { row: await commit(seq) };
      }
    } catch (e) {
      return { failed: e, created: stored.created };
    }
  });
  if ('failed' in outcome) {
    // Nothing half-done stays behind: drop the file if no committed row uses it, then tell a lost
    // race on the same reference apart from a real failure.
    if (outcome.created) await removeDocumentIfUnused(ctx, documentSha256);
    const raced = await sameReference(ctx, p, value.reference, contentSha256, req.justification);
    if (raced) return { status: 200, decision: raced };
    throw outcome.failed;
  }
  return { status: 201, decision: outcome.row };
}

/**
 * A prison officer's upload (platform/README.md, "Decisions a prison uploads"): only a measure its
 * director decides, for the officer's own prison, which becomes the decision's `prisonId`. A refusal
 * is audited before it is thrown.
 */
async function asPrisonUpload<T extends IssuedFacts & { reference: string }>(
  ctx: ServiceContext,
  p: Principal,
  value: T,
  req: UploadRequest,
): Promise<T> {
  const checked = prisonUpload(value, p.agencyId);
  if (checked.ok) return checked.value;
  const { status, code, field, message } = checked.refusal;
  await ctx.audit.append({
    user: p.user,
    agencyId: p.agencyId,
    action: 'decision.create',
    object: value.reference,
    justification: req.justification,
    outcome: 'denied',
  });
  throw new UserError({
    status,
    code: status === 403 ? 'forbidden' : 'validation_failed',
    title: status === 403 ? 'Forbidden' : 'The request is not valid',
    detail: `${message}. This attempt has been logged`,
    errors: [{ field: `decision.${field}`, code, message }],
  });
}

/** A prison's decision names its prison: filled in before validation (a release awaited needs it). */
function ownPrison(decision: unknown, p: Principal): unknown {
  if (typeof decision !== 'object' || decision === null || Array.isArray(decision)) return decision;
  const d = decision as Record<string, unknown>;
  return d.prisonId === undefined ? { ...d, prisonId: p.agencyId } : d;
}

/**
 * The decision with this reference when its content is the same; 409 when it differs. A reference
 * another parquet (or, for a prison officer, another prison) owns is 409 whatever the content, with nothing of that decision in the answer (not
 * even its id), and the attempt is audited: sending a copy of a decision must not read it back.
 */
async function sameReference(
  ctx: ServiceContext,
  p: Principal,
  reference: string,
  contentSha256: string,
  justification: string | undefined,
): Promise<DecisionRow | undefined> {
  const row = await ctx.db
    .selectFrom('decisions')
    .selectAll()
    .where('reference', '=', reference)
    .executeTakeFirst();
  if (!row) return undefined;
  const foreign =
    (p.role === 'parquet_clerk' && row.parquet_id !== p.agencyId) ||
    (p.role === 'prison_officer' && row.prison_id !== p.agencyId);
  if (foreign) {
    await ctx.audit.append({
      user: p.user,
      agencyId: p.agencyId,
      action: 'decision.create',
      object: row.id,
      justification,
      outcome: 'denied',
    });
    throw conflict(
      'reference_conflict',
      `reference "${reference}" is already used by another ${p.role === 'prison_officer' ? 'agency' : 'parquet'}'s decision; ` +
        'a decision of yours needs a reference of its own',
    );
  }
  if (row.content_sha256 === contentSha256) return row;
  throw conflict(
    'reference_conflict',
    `decision ${row.id} already has reference "${reference}" with different content; ` +
      'a corrected decision needs a new reference (or send exactly the same content again)',
  );
}

function sanitiseFileName(name: string): string {
  const clean = name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200);
  return clean || `decision-${crypto.randomBytes(4).toString('hex')}.pdf`;
}
