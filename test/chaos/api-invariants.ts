import { call } from './api-client';
import type { ClientLedger, SentDecision } from './client-ledger';
import { sha256 } from './decision-pdf';

interface DecisionRead {
  reference: string;
  status: string;
  documentSha256: string;
  processInstanceKey: string | null;
  signalement: { id: string } | null;
  mandates: Array<{ id: string; kind: string; recipientId: string; status: string }>;
}

/** Whether the platform has finished routing a decision (what the drain waits for). */
export function settled(d: SentDecision, read: DecisionRead | undefined): boolean {
  if (!read || !read.processInstanceKey) return false;
  // A measure revoked (or ended) is settled whatever it had reached: a revocation may come before the
  // routing (its process ends at once); the store invariants check what an ended measure left.
  if (read.status === 'revoked' || read.status === 'ended') return true;
  if (!d.route.live) return read.status === 'old_channel';
  return !!read.signalement && read.mandates.length === d.route.recipients.length;
}

/** Reads a decision as its clerk; undefined when the answer is not a 200. */
export async function readDecision(url: string, d: SentDecision): Promise<DecisionRead | undefined> {
  const res = await call<DecisionRead>(url, d.clerkToken, 'GET', `/api/decisions/${d.id}`);
  return res.status === 200 ? res.body : undefined;
}

/**
 * Through the API, for every decision acknowledged to the client: it exists under the id it was
 * answered with, its document is the one sent (SHA-256 of the bytes served), and it was routed.
 */
export async function checkThroughApi(url: string, ledger: ClientLedger): Promise<string[]> {
  const failures: string[] = [];
  const answered = ledger.answered();
  for (let i = 0; i < answered.length; i += 8) {
    await Promise.all(
      answered.slice(i, i + 8).map(async (d) => {
        const read = await readDecision(url, d);
        if (!read)
          return void failures.push(`decision ${d.id} (${d.reference}) acknowledged but not readable`);
        if (read.reference !== d.reference) failures.push(`decision ${d.id}: reference ${read.reference}`);
        if (read.documentSha256 !== d.documentSha256)
          failures.push(`decision ${d.id}: documentSha256 differs`);
        if (!settled(d, read)) failures.push(`decision ${d.id}: not routed (${read.status})`);
        const doc = await call<Buffer>(url, d.clerkToken, 'GET', `/api/decisions/${d.id}/document`);
        if (doc.status !== 200 || !Buffer.isBuffer(doc.body) || sha256(doc.body) !== d.documentSha256)
          failures.push(`decision ${d.id}: document served (${doc.status}) does not match what was sent`);
      }),
    );
  }
  return failures;
}
