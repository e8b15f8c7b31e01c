/**
 * Who is using which document in this process, so a removal never cuts in between an upload's `put`
 * and its commit. An upload holds its document's hash (shared: uploads of the same bytes run side by
 * side) from `put` until its decision is committed or given up; a removal holds it alone, waiting
 * for the uploads in flight, and checks whether a decision uses the document only then.
 *
 * Found by the chaos run (docs/RELIABILITY.md): a case erased while a decision with the same document
 * was being uploaded. The upload's `put` found the file there ("not created"), the erasure checked
 * that no decision used it and removed it, and the upload then committed a decision whose file was
 * gone. Across PostgreSQL instances the foreign key decisions → documents catches the same race (the
 * upload's insert fails and is retried: decisions/upload-decision.ts).
 */
export class DocumentHolds {
  private readonly holds = new Map<string, { sharing: number; alone: boolean; waiting: (() => void)[] }>();

  /** Runs `fn` while no removal of this document can run (other users may). */
  async shared<T>(sha256: string, fn: () => Promise<T>): Promise<T> {
    const hold = await this.when(sha256, (h) => !h.alone);
    hold.sharing++;
    try {
      return await fn();
    } finally {
      hold.sharing--;
      this.release(sha256, hold);
    }
  }

  /** Runs `fn` once nobody else holds this document, and lets nobody in while it runs. */
  async alone<T>(sha256: string, fn: () => Promise<T>): Promise<T> {
    const hold = await this.when(sha256, (h) => !h.alone && h.sharing === 0);
    hold.alone = true;
    try {
      return await fn();
    } finally {
      hold.alone = false;
      this.release(sha256, hold);
    }
  }

  /** How many documents are held or waited for (0 when idle: nothing is kept for a finished hold). */
  get size(): number {
    return this.holds.size;
  }

  private async when(
    sha256: string,
    free: (h: { sharing: number; alone: boolean }) => boolean,
  ): Promise<{ sharing: number; alone: boolean; waiting: (() => void)[] }> {
    let hold = this.holds.get(sha256);
    if (!hold) this.holds.set(sha256, (hold = { sharing: 0, alone: false, waiting: [] }));
    while (!free(hold)) await new Promise<void>((resolve) => hold!.waiting.push(resolve));
    return hold;
  }

  private release(sha256: string, hold: { sharing: number; alone: boolean; waiting: (() => void)[] }): void {
    // Everyone waiting looks again (in order); whoever cannot go yet waits anew.
    const waiting = hold.waiting.splice(0);
    for (const wake of waiting) wake();
    if (hold.sharing === 0 && !hold.alone && waiting.length === 0) this.holds.delete(sha256);
  }
}
