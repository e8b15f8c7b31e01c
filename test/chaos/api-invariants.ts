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
export function settled(d: SentDecision, read: DecisionRead | undefined, endedBy = Date.now()): boolean {
  if (!read || !read.processInstanceKey) return false;
  // A measure revoked (or ended) is settled whatever it had reached: a revocation may come before the
  // routing (its process ends at once); the store invariants check what an ended measure left.
  if (read.status === 'revoked' || read.status === 'ended') return true;
  if (!d.route.live) return read.status === 'old_channel';
  // a live measure whose end has come is settled once it has ended (its timer, then the end's worker)
  if (d.endsAt !== undefined && d.endsAt < endedBy) return false;
  // a move adds mandates (to the new recipients, the old ones closed): the store invariants check which
  return !!read.signalement && read.mandates.length >= d.route.recipients.length;
}

/** Reads a decision as its clerk; undefined when the answer is not a 200. */
export async function readDecision(url: string, d: SentDecision): Promise<DecisionRead | undefined> {
  const res = await call<DecisionRead>(url, d.clerkToken, 'GET', `/api/decisions/${d.id}`);
  return res.status === 200 ? res.body : undefined;
}

/**
 * Through the API, for every decision acknowledged to the client: it exists under the id it was
 * answered with, its document is the one sent (SHA-256 of the bytes served), and it was routed; or
 * the retention purge erased it (`erased`, issue 16): then it is gone (404), counted as purged.
 */
export async function checkThroughApi(
  url: string,
  ledger: ClientLedger,
  erased: Set<string>,
  erasedNow: () => Set<string> | Promise<Set<string>>,
): Promise<string[]> {
  const failures: string[] = [];
  // the scheduled purge runs on: a case may be erased while this reads (then it answers 404)
  const erasedSince = async (id: string) => (await erasedNow()).has(id);
  const answered = ledger.answered().filter((d) => !erased.has(d.id!));
  for (const d of ledger.answered().filter((x) => erased.has(x.id!))) {
    const read = await call(url, d.clerkToken, 'GET', `/api/decisions/${d.id}`);
    if (read.status !== 404) failures.push(`erased decision ${d.id} answered ${read.status}, not 404`);
  }
  for (let i = 0; i < answered.length; i += 8) {
    await Promise.all(
      answered.slice(i, i + 8).map(async (d) => {
        const read = await readDecision(url, d);
        if (!read && (await erasedSince(d.id!))) return;
        if (!read)
          return void failures.push(`decision ${d.id} (${d.reference}) acknowledged but not readable`);
        if (read.reference !== d.reference) failures.push(`decision ${d.id}: reference ${read.reference}`);
        if (read.documentSha256 !== d.documentSha256)
          failures.push(`decision ${d.id}: documentSha256 differs`);
        if (!settled(d, read, ledger.drainedAt))
          failures.push(`decision ${d.id}: not routed (${read.status})`);
        const doc = await call<Buffer>(url, d.clerkToken, 'GET', `/api/decisions/${d.id}/document`);
        if (doc.status === 404 && (await erasedSince(d.id!))) return;
        if (doc.status !== 200 || !Buffer.isBuffer(doc.body) || sha256(doc.body) !== d.documentSha256)
          failures.push(`decision ${d.id}: document served (${doc.status}) does not match what was sent`);
      }),
    );
  }
  return failures;
}
