import type { Place } from './chaos-cases';

/** Where a case should go, as the routing preview said before the run. */
export interface ExpectedRoute {
  live: boolean;
  recipients: Array<{ kind: string; agencyId: string }>;
  coordinatorId: string;
}

/** One decision the client sent (perhaps several times, always with the same content). */
export interface SentDecision {
  reference: string;
  place: Place;
  measure: string;
  route: ExpectedRoute;
  clerkToken: string;
  body: unknown;
  documentSha256: string;
  /** Set by the first 2xx answer: the decision is then acknowledged to the client. */
  id?: string;
  /** When the first 2xx answer arrived. */
  answeredAt?: number;
  statuses: number[];
  /** When its measure ends on the real clock (a short measure period, issue 15); unset when open-ended. */
  endsAt?: number;
}

/**
 * What the platform acknowledged to the client (a 2xx answer), and what the client saw go wrong at
 * once (a repeat answered with another id, a 409 for identical content...). The invariants are
 * checked against this after the run.
 */
export class ClientLedger {
  readonly decisions = new Map<string, SentDecision>();
  /** mandate id → its decision and recipient, for every 2xx acknowledge. */
  readonly acknowledged = new Map<string, { decisionId: string; recipientId: string }>();
  /** mandate id → its decision, for acknowledgements refused with 409 (the mandate was closed meanwhile). */
  readonly ackConflicts = new Map<string, string>();
  /** Mandates whose report was refused with 409: an earlier, unanswered report had committed. */
  readonly reportConflicts = new Set<string>();
  /** mandate id → the report answered 2xx. */
  readonly reported = new Map<string, { decisionId: string; outcome: string; breach: boolean }>();
  /** Decisions whose revocation was answered 2xx (issue 15): their measure must have ended. */
  readonly revoked = new Set<string>();
  /** Decisions revised with a 2xx answer. */
  readonly revised = new Set<string>();
  /** Decisions a revocation was sent for (answered or not: an unanswered one may have committed). */
  readonly revocationSent = new Set<string>();
  /** decision id → the places of its moves answered 2xx, in order (issue 15). */
  readonly moved = new Map<string, Place[]>();
  /** Admin purges answered 2xx (issue 16), with what each erased. */
  readonly purges: Array<{ casesErased: number; casesFailed: number }> = [];
  /**
   * Requests answered 404 for a decision (or its mandate) the client had been answered for: right
   * only when the retention purge erased the case meanwhile (checked after the run).
   */
  readonly gone: Array<{ what: string; decisionId: string }> = [];
  readonly violations: string[] = [];
  /** When the drain's last (successful) pass began: every measure ending before it must have ended. */
  drainedAt?: number;
  readonly sent = {
    uploads: 0,
    repeats: 0,
    acks: 0,
    reports: 0,
    revisions: 0,
    revocations: 0,
    moves: 0,
    purges: 0,
    unanswered: 0,
    refused: 0,
  };

  /**
   * Records the answer to an upload of `d` sent at `sentAt`. Two sends of one reference may overlap
   * (a repeat while the first is in flight): then one 201 and one 200 in any order is right. A 201
   * for a send that started after a 2xx answer means a second decision: a broken promise.
   */
  answerUpload(d: SentDecision, sentAt: number, status: number, body: { id?: string } | undefined): void {
    d.statuses.push(status);
    if (status === 0) {
      this.sent.unanswered++;
      return;
    }
    if (status !== 200 && status !== 201) {
      // 503 while the platform comes up is allowed (retry later); anything else is a broken promise.
      if (status === 503) this.sent.refused++;
      else this.violations.push(`upload ${d.reference} answered ${status}: ${JSON.stringify(body)}`);
      return;
    }
    const id = body?.id;
    if (!id) {
      this.violations.push(`upload ${d.reference} answered ${status} without an id`);
      return;
    }
    if (d.id && d.id !== id) this.violations.push(`upload ${d.reference} answered id ${id}, before ${d.id}`);
    if (d.answeredAt !== undefined && d.answeredAt < sentAt && status === 201)
      this.violations.push(`upload ${d.reference} answered 201 again, sent after its first answer`);
    d.id ??= id;
    d.answeredAt ??= Date.now();
  }

  /** Decisions acknowledged to the client. */
  answered(): SentDecision[] {
    return [...this.decisions.values()].filter((d) => d.id);
  }
}

/**
 * Waits until the last short measure the load sent has ended (its `measureEnd` timer runs on the
 * real clock, up to a minute after the upload), plus a margin for its worker. Called before the
 * drain: the checks read the platform's and the engine's stores one after the other, and an end
 * firing between the two reads would show a case open in one and over in the other.
 */
export async function untilMeasuresEnded(ledger: ClientLedger, marginMs = 3_000): Promise<void> {
  const last = Math.max(0, ...ledger.answered().map((d) => d.endsAt ?? 0));
  const wait = last + marginMs - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
