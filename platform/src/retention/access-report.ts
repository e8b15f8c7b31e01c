import { checkNrn } from '@iplus/contract';
import { invalid } from '../errors';
import type { ServiceContext } from '../service-context';
import { caseEnd } from './case-end';
import type { Pseudonyms } from './pseudonyms';
import type { RetentionPolicy } from './retention-policy';

/** One case iplus still holds about the person, with what it holds. */
export interface HeldCase {
  decisionId: string;
  reference: string;
  status: string;
  measure: string;
  createdAt: string;
  endedAt: string | null;
  /** When the case's data will be erased; null while the case runs. */
  erasedAfter: string | null;
  person: Record<string, unknown>;
  document: { name: string; bytes: number; sha256: string };
  mandates: Array<{
    id: string;
    kind: string;
    recipientId: string;
    status: string;
    issuedAt: string;
    reportAt: string | null;
  }>;
  signalements: Array<{ id: string; register: string; status: string }>;
  notifications: number;
}

/** A case erased already: only its pseudonymised trace is left. */
export interface ErasedTrace {
  decisionId: string;
  reason: string;
  justification: string;
  endedAt: string | null;
  erasedAt: string;
  erasedBy: string;
}

/** One consultation or change of the person's data, from the audit log: who, when, what, why. */
export interface Consultation {
  seq: number;
  at: string;
  user: string;
  agencyId: string;
  action: string;
  object: string;
  justification: string;
  outcome: string;
}

/** The report for the data-protection officer or the supervisory authority (COC), JSON or PDF. */
export interface AccessReport {
  generatedAt: string;
  generatedBy: string;
  personPseudonym: string;
  held: HeldCase[];
  erased: ErasedTrace[];
  consultations: Consultation[];
}

/**
 * Everything iplus holds about one national register number and every consultation of it: the cases
 * it still holds (person, document, mandates, signalements), the cases already erased (by the keyed
 * pseudonym) and every audit entry naming one of those cases' objects or the pseudonym.
 */
export async function accessReport(
  ctx: ServiceContext,
  pseudonyms: Pseudonyms,
  policy: RetentionPolicy,
  nrn: string,
  generatedBy: string,
): Promise<AccessReport> {
  const check = checkNrn(nrn);
  if (!check.ok) throw invalid([{ field: 'nrn', code: check.code, message: check.message }]);
  const pseudonym = pseudonyms.person(check.nrn);
  const candidates = await ctx.db
    .selectFrom('decisions')
    .selectAll()
    .where('input_json', 'like', `%${check.nrn}%`)
    .orderBy('seq')
    .execute();
  const held: HeldCase[] = [];
  const ids = new Set<string>();
  for (const d of candidates) {
    const person = (JSON.parse(d.input_json) as { person?: Record<string, unknown> }).person ?? {};
    if (person.nrn !== check.nrn) continue;
    const mandates = await ctx.db
      .selectFrom('mandates')
      .selectAll()
      .where('decision_id', '=', d.id)
      .execute();
    const signalements = await ctx.db
      .selectFrom('signalements')
      .selectAll()
      .where('decision_id', '=', d.id)
      .execute();
    const notifications = await ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('decision_id', '=', d.id)
      .execute();
    const endedAt = await caseEnd(ctx.db, d.id);
    for (const id of [
      d.id,
      ...mandates.map((m) => m.id),
      ...signalements.map((s) => s.id),
      ...notifications.map((n) => n.id),
    ])
      ids.add(id);
    held.push({
      decisionId: d.id,
      reference: d.reference,
      status: d.status,
      measure: d.measure,
      createdAt: d.created_at,
      endedAt,
      erasedAfter: endedAt ? new Date(new Date(endedAt).getTime() + policy.caseData).toISOString() : null,
      person,
      document: { name: d.document_name, bytes: d.document_bytes, sha256: d.document_sha256 },
      mandates: mandates.map((m) => ({
        id: m.id,
        kind: m.kind,
        recipientId: m.recipient_id,
        status: m.status,
        issuedAt: m.issued_at,
        reportAt: m.report_at,
      })),
      signalements: signalements.map((s) => ({ id: s.id, register: s.register, status: s.status })),
      notifications: notifications.length,
    });
  }
  const erasedRows = await ctx.db
    .selectFrom('erasures')
    .selectAll()
    .where('person_pseudonym', '=', pseudonym)
    .orderBy('erased_at')
    .execute();
  for (const e of erasedRows) {
    ids.add(e.decision_id);
    for (const id of e.objects.split(',')) if (id) ids.add(id);
  }
  return {
    generatedAt: ctx.clock.now().toISOString(),
    generatedBy,
    personPseudonym: pseudonym,
    held,
    erased: erasedRows.map((e) => ({
      decisionId: e.decision_id,
      reason: e.reason,
      justification: e.justification,
      endedAt: e.ended_at,
      erasedAt: e.erased_at,
      erasedBy: e.erased_by,
    })),
    consultations: await consultations(ctx, ids, `nrn:${pseudonym}`),
  };
}

/** Audit entries naming one of the ids (alone or in a list) or the pseudonym, oldest first. */
async function consultations(
  ctx: ServiceContext,
  ids: Set<string>,
  pseudonymTag: string,
): Promise<Consultation[]> {
  const found = new Map<number, Consultation>();
  const needles = [...ids, pseudonymTag];
  for (let i = 0; i < needles.length; i += 50) {
    const slice = needles.slice(i, i + 50);
    const rows = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) =>
        eb.or(slice.flatMap((n) => [eb('object', 'like', `%${n}%`), eb('justification', 'like', `%${n}%`)])),
      )
      .orderBy('seq')
      .limit(20_000)
      .execute();
    for (const r of rows) {
      const tokens = new Set(`${r.object} ${r.justification}`.split(/[\s,]+/));
      if (!slice.some((n) => tokens.has(n))) continue;
      found.set(Number(r.seq), {
        seq: Number(r.seq),
        at: r.at,
        user: r.user_name,
        agencyId: r.agency_id,
        action: r.action,
        object: r.object,
        justification: r.justification,
        outcome: r.outcome,
      });
    }
  }
  return [...found.values()].sort((a, b) => a.seq - b.seq);
}
