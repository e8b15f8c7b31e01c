import { call } from './api-client';
import { decisionInput, LIVE_PLACES, NOT_LIVE_PLACES, type Place } from './chaos-cases';
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
  random: () => number;
}

interface MandateSeen {
  id: string;
  recipientId: string;
  status: string;
}

/**
 * The steady load of the chaos run: `concurrency` clients that upload decisions (mostly new, some
 * repeated to prove idempotency), acknowledge issued mandates and report acknowledged ones (some
 * breaches), revise and revoke measures (issue 15), each with the token of the right agency, until
 * `stop()`. Answers go to the ledger.
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
        decision: decisionInput(reference, i, place, measure),
        document: { fileName: `${reference}.pdf`, contentBase64: pdf.toString('base64') },
      },
      documentSha256: sha256(pdf),
      statuses: [],
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
      if (r < 0.5) {
        this.s.ledger.sent.uploads++;
        await this.upload(url, this.newDecision(this.next++));
      } else if (r < 0.6) {
        const d = this.pick([...this.s.ledger.decisions.values()]);
        if (d) {
          this.s.ledger.sent.repeats++;
          await this.upload(url, d);
        }
      } else if (r < 0.8) {
        await this.acknowledgeOne(url);
      } else if (r < 0.92) {
        await this.reportOne(url);
      } else if (r < 0.97) {
        await this.reviseOne(url);
      } else {
        await this.revokeOne(url);
      }
      await new Promise((resolve) => setTimeout(resolve, 10 + this.s.random() * 40));
    }
  }

  private async acknowledgeOne(url: string): Promise<void> {
    const d = this.pick(this.s.ledger.answered().filter((x) => x.route.live));
    if (!d) return;
    const read = await call<{ mandates?: MandateSeen[] }>(url, d.clerkToken, 'GET', `/api/decisions/${d.id}`);
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
    else if (rev.status !== 0 && rev.status !== 503 && rev.status !== 409)
      this.s.ledger.violations.push(`revise ${d.id} answered ${rev.status}: ${JSON.stringify(rev.body)}`);
  }

  /** The parquet revokes a measure: it must end (signalement ended, mandates closed). */
  private async revokeOne(url: string): Promise<void> {
    const d = this.pick(this.s.ledger.answered().filter((x) => !this.s.ledger.revoked.has(x.id!)));
    if (!d) return;
    this.s.ledger.sent.revocations++;
    const rev = await call(url, d.clerkToken, 'POST', `/api/decisions/${d.id}/revocation`, {
      reason: 'chaos revocation',
    });
    if (rev.status === 200) this.s.ledger.revoked.add(d.id!);
    // 409: revoked before by a send that got no answer
    else if (rev.status === 409) this.s.ledger.revoked.add(d.id!);
    else if (rev.status !== 0 && rev.status !== 503)
      this.s.ledger.violations.push(`revoke ${d.id} answered ${rev.status}: ${JSON.stringify(rev.body)}`);
  }

  private pick<T>(items: T[]): T | undefined {
    return items.length ? items[Math.floor(this.s.random() * items.length)] : undefined;
  }
}
