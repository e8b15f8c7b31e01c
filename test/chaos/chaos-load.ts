import { call } from './api-client';
import {
  decisionInput,
  LIVE_PLACES,
  MOVE_PLACES,
  moveDomicile,
  NOT_LIVE_PLACES,
  shortPeriod,
  type Place,
} from './chaos-cases';
import type { ClientLedger, ExpectedRoute, SentDecision } from './client-ledger';
import { decisionPdf, sha256 } from './decision-pdf';

const BREACH = ['address_not_verified', 'person_absent', 'condition_broken'];
const FINE = ['address_verified', 'interview_held', 'guidance_started'];

export interface LoadTarget {
  /** The URL the platform serves on now, or undefined while it is down. */
  url(): string | undefined;
  /** Resolves once the platform serves again (or at once when it does). */
  whenUp(): Promise<void>;
}

export interface LoadSetup {
  ledger: ClientLedger;
  target: LoadTarget;
  /** Expected route of a place and measure (from the routing preview). */
  route(place: Place, measure: string): ExpectedRoute;
  /** API token of the clerk of the parquet a place belongs to. */
  clerkToken(place: Place): string;
  /** API token of a user of the agency (police zone, justice house, monitoring centre). */
  agencyToken(agencyId: string): string;
  /** API token of an admin (the explicit retention purges, issue 16). */
  adminToken: string;
  random: () => number;
}

/** One decision in this share has a measure short enough to end during the run (issue 15). */
const SHORT_MEASURES = 0.3;
/**
 * When such a measure ends: this many seconds after the upload, at random in the range. 20–120 s until
 * 2026-12-07: the drain waits for the last end, so the upper bound is a minute of every run's wall clock.
 */
const SHORT_MEASURE_S = [20, 60] as const;

interface MandateSeen {
  id: string;
  recipientId: string;
  status: string;
}

/**
 * The steady load of the chaos run: `concurrency` clients that upload decisions (mostly new, some
 * repeated to prove idempotency; some with a measure that ends during the run), acknowledge issued
 * mandates and report acknowledged ones (some breaches), revise and revoke measures and record moves
 * (issue 15, some to a region not live), and run the retention purge as an admin (issue 16), each
 * with the token of the right agency, until `stop()`. Answers go to the ledger.
 */
export class ChaosLoad {
  private stopping = false;
  private next = 0;
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly s: LoadSetup) {}

  start(concurrency: number): void {
    for (let i = 0; i < concurrency; i++) this.loops.push(this.loop());
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.loops);
  }

  /** Builds (once) the decision with reference number `i`. */
  newDecision(i: number): SentDecision {
    const r = this.s.random();
    const live = r < 0.8;
    const places = live ? LIVE_PLACES : NOT_LIVE_PLACES;
    const place = places[Math.floor(this.s.random() * places.length)]!;
    const measure = this.s.random() < 0.2 ? 'electronic_monitoring' : 'conditional_release';
    const reference = `CHAOS-${place.nis}-${String(i).padStart(5, '0')}`;
    const [lo, hi] = SHORT_MEASURE_S;
    const endsAt =
      this.s.random() < SHORT_MEASURES ? Date.now() + (lo + this.s.random() * (hi - lo)) * 1000 : undefined;
    const pdf = decisionPdf(
      [`Decision ${reference}`, `Measure: ${measure}`, `Municipality NIS ${place.nis}`],
      Math.floor(this.s.random() * 48 * 1024),
    );
    const d: SentDecision = {
      reference,
      place,
      measure,
      route: this.s.route(place, measure),
      clerkToken: this.s.clerkToken(place),
      body: {
        decision: {
          ...decisionInput(reference, i, place, measure),
          ...(endsAt !== undefined ? shortPeriod(endsAt) : {}),
        },
        document: { fileName: `${reference}.pdf`, contentBase64: pdf.toString('base64') },
      },
      documentSha256: sha256(pdf),
      statuses: [],
      ...(endsAt !== undefined ? { endsAt } : {}),
    };
    this.s.ledger.decisions.set(reference, d);
    return d;
  }

  /** Sends (or sends again) one decision and books the answer. */
  async upload(url: string, d: SentDecision): Promise<void> {
    const sentAt = Date.now();
    const res = await call<{ id?: string }>(url, d.clerkToken, 'POST', '/api/decisions', d.body);
    this.s.ledger.answerUpload(d, sentAt, res.status, typeof res.body === 'object' ? res.body : undefined);
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const url = this.s.target.url();
      if (!url) {
        await this.s.target.whenUp();
        continue;
      }
      const r = this.s.random();
      if (r < 0.45) {
        this.s.ledger.sent.uploads++;
        await this.upload(url, this.newDecision(this.next++));
      } else if (r < 0.55) {
        await this.repeatOne(url);
      } else if (r < 0.74) {
        await this.acknowledgeOne(url);
      } else if (r < 0.86) {
        await this.reportOne(url);
      } else if (r < 0.9) {
        await this.reviseOne(url);
      } else if (r < 0.94) {
        await this.revokeOne(url);
      } else if (r < 0.99) {
        await this.moveOne(url);
      } else {
        await this.purge(url);
      }
      await new Promise((resolve) => setTimeout(resolve, 10 + this.s.random() * 40));
    }
  }

  /**
   * Sends a decision again, as a client does after a lost answer: one not answered yet, or answered
   * in the last few seconds (a client does not resend a case from long ago, which the retention purge
   * may have erased since: a resend would then be a new case).
   */
  private async repeatOne(url: string): Promise<void> {
    const recent = Date.now() - 5000;
    const d = this.pick(
      [...this.s.ledger.decisions.values()].filter((x) => !x.answeredAt || x.answeredAt > recent),
    );
    if (!d) return;
    this.s.ledger.sent.repeats++;
    await this.upload(url, d);
  }

  private async acknowledgeOne(url: string): Promise<void> {
    const d = this.pick(this.s.ledger.answered().filter((x) => x.route.live));
    if (!d) return;
    const read = await call<{ mandates?: MandateSeen[] }>(url, d.clerkToken, 'GET', `/api/decisions/${d.id}`);
    if (read.status === 404) return void this.s.ledger.gone.push({ what: 'read', decisionId: d.id! });
    const issued = (read.body?.mandates ?? []).filter((m) => m.status === 'issued');
    const m = this.pick(issued);
    if (!m) return;
    this.s.ledger.sent.acks++;
    const ack = await call<{ status?: string }>(
      url,
      this.s.agencyToken(m.recipientId),
      'POST',
      `/api/mandates/${m.id}/acknowledge`,
      { note: 'seen by chaos' },
    );
    if (ack.status === 200)
      this.s.ledger.acknowledged.set(m.id, { decisionId: d.id!, recipientId: m.recipientId });
    // 409: closed meanwhile (the measure ended, was revoked, or the person moved): checked after the run
    else if (ack.status === 409) this.s.ledger.ackConflicts.set(m.id, d.id!);
    else if (ack.status === 404) this.s.ledger.gone.push({ what: `acknowledge ${m.id}`, decisionId: d.id! });
    else if (ack.status !== 0 && ack.status !== 503)
      this.s.ledger.violations.push(
        `acknowledge ${m.id} answered ${ack.status}: ${JSON.stringify(ack.body)}`,
      );
  }

  private async reportOne(url: string): Promise<void> {
    const { acknowledged, reported, reportConflicts } = this.s.ledger;
    const open = [...acknowledged].filter(([id]) => !reported.has(id) && !reportConflicts.has(id));
    const picked = this.pick(open);
    if (!picked) return;
    const [mandateId, { decisionId, recipientId }] = picked;
    const breach = this.s.random() < 0.4;
    const outcomes = breach ? BREACH : FINE;
    const outcome = outcomes[Math.floor(this.s.random() * outcomes.length)]!;
    this.s.ledger.sent.reports++;
    const rep = await call(
      url,
      this.s.agencyToken(recipientId),
      'POST',
      `/api/mandates/${mandateId}/report`,
      {
        outcome,
        text: `reported by chaos (${outcome})`,
      },
    );
    if (rep.status === 200) this.s.ledger.reported.set(mandateId, { decisionId, outcome, breach });
    // 409: a report sent before (unanswered, but committed) with another outcome: not a violation;
    // the mandate keeps that first report.
    else if (rep.status === 409) reportConflicts.add(mandateId);
    else if (rep.status === 404) this.s.ledger.gone.push({ what: `report ${mandateId}`, decisionId });
    else if (rep.status !== 0 && rep.status !== 503)
      this.s.ledger.violations.push(
        `report ${mandateId} answered ${rep.status}: ${JSON.stringify(rep.body)}`,
      );
  }

  /** The case's life (issue 15): the parquet revises the conditions of a running measure. */
  private async reviseOne(url: string): Promise<void> {
    const d = this.pick(
      this.s.ledger.answered().filter((x) => x.route.live && !this.s.ledger.revoked.has(x.id!)),
    );
    if (!d) return;
    this.s.ledger.sent.revisions++;
    const rev = await call(url, d.clerkToken, 'POST', `/api/decisions/${d.id}/revision`, {
      conditions: {
        general: ['no_new_offences', 'fixed_address', 'respond_to_summons'],
        particular: [{ type: 'obligation', category: 'treatment', text: 'revised by chaos' }],
      },
      reason: 'chaos revision',
    });
    if (rev.status === 200) this.s.ledger.revised.add(d.id!);
    // 409: revoked meanwhile (an unanswered revocation committed)
    else if (rev.status === 404) this.s.ledger.gone.push({ what: 'revise', decisionId: d.id! });
    else if (rev.status !== 0 && rev.status !== 503 && rev.status !== 409)
      this.s.ledger.violations.push(`revise ${d.id} answered ${rev.status}: ${JSON.stringify(rev.body)}`);
  }

  /** The parquet revokes a measure: it must end (signalement ended, mandates closed). */
  private async revokeOne(url: string): Promise<void> {
    const d = this.pick(this.s.ledger.answered().filter((x) => !this.s.ledger.revoked.has(x.id!)));
    if (!d) return;
    this.s.ledger.sent.revocations++;
    this.s.ledger.revocationSent.add(d.id!);
    const rev = await call(url, d.clerkToken, 'POST', `/api/decisions/${d.id}/revocation`, {
      reason: 'chaos revocation',
    });
    if (rev.status === 200) this.s.ledger.revoked.add(d.id!);
    // 409: revoked before by a send that got no answer
    else if (rev.status === 409) this.s.ledger.revoked.add(d.id!);
    else if (rev.status === 404) this.s.ledger.gone.push({ what: 'revoke', decisionId: d.id! });
    else if (rev.status !== 0 && rev.status !== 503)
      this.s.ledger.violations.push(`revoke ${d.id} answered ${rev.status}: ${JSON.stringify(rev.body)}`);
  }

  /**
   * The parquet records the person's move (issue 15) to another live place, or one time in five to a
   * region that is not live: the case is re-routed (checked after the run by replaying the moves).
   */
  private async moveOne(url: string): Promise<void> {
    const { ledger } = this.s;
    const d = this.pick(ledger.answered().filter((x) => x.route.live && !ledger.revoked.has(x.id!)));
    if (!d) return;
    // Only a case whose first routing is done: the check replays the moves from the first route's
    // mandates (a move before the first issue is tested in move-before-first-issue.int.test.ts).
    const read = await call<{ mandates?: MandateSeen[] }>(url, d.clerkToken, 'GET', `/api/decisions/${d.id}`);
    if (read.status === 404) return void ledger.gone.push({ what: 'read', decisionId: d.id! });
    if ((read.body?.mandates?.length ?? 0) < d.route.recipients.length) return;
    const here = ledger.moved.get(d.id!)?.at(-1) ?? d.place;
    const notLive = MOVE_PLACES.filter((p) => !LIVE_PLACES.includes(p));
    const choices =
      this.s.random() < 0.2 ? notLive : MOVE_PLACES.filter((p) => LIVE_PLACES.includes(p) && p !== here);
    const place = this.pick(choices)!;
    ledger.sent.moves++;
    const res = await call(url, d.clerkToken, 'POST', `/api/decisions/${d.id}/moves`, {
      domicile: moveDomicile(place, ledger.sent.moves),
      note: 'moved, recorded by chaos',
    });
    if (res.status === 200) ledger.moved.set(d.id!, [...(ledger.moved.get(d.id!) ?? []), place]);
    // 409: the measure ended or was revoked meanwhile
    else if (res.status === 404) ledger.gone.push({ what: 'move', decisionId: d.id! });
    else if (res.status !== 0 && res.status !== 503 && res.status !== 409)
      ledger.violations.push(`move ${d.id} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }

  /** An admin runs the retention purge now (issue 16), at a random moment (a kill may cut it). */
  async purge(url: string): Promise<void> {
    this.s.ledger.sent.purges++;
    const res = await call<{ casesErased: number; casesFailed: number }>(
      url,
      this.s.adminToken,
      'POST',
      '/api/admin/purge',
      { justification: 'chaos: purge at a random moment' },
    );
    if (res.status === 200) this.s.ledger.purges.push(res.body);
    else if (res.status !== 0 && res.status !== 503)
      this.s.ledger.violations.push(`purge answered ${res.status}: ${JSON.stringify(res.body)}`);
  }

  private pick<T>(items: T[]): T | undefined {
    return items.length ? items[Math.floor(this.s.random() * items.length)] : undefined;
  }
}
