import type { DecisionFacts } from '../reference-port';
import type { Db } from './database';

/**
 * The validated input of decisions, parsed once: a decision's input never changes after upload, and
 * every mandate shown repeats its person and conditions, so inboxes read them from here instead of
 * parsing the same JSON for each row. At most `max` entries, in two generations: a hit in the young
 * one costs one look-up; a hit in the old one brings the entry into the young one; when the young
 * one is full it becomes the old one and the old one is dropped, so what goes is what was not used
 * since. (A least-recently-used list moved the entry on every hit: a delete and a set per mandate
 * of a page, 2 % of an inbox read's CPU.)
 */
export class DecisionInputs {
  private young = new Map<string, DecisionFacts>();
  private old = new Map<string, DecisionFacts>();

  constructor(
    private readonly db: Db,
    private readonly max = 20_000,
  ) {}

  /** The inputs of these decisions (missing ones read in one query). */
  async get(ids: Iterable<string>): Promise<Map<string, DecisionFacts>> {
    const out = new Map<string, DecisionFacts>();
    const misses = new Set<string>();
    for (const id of ids) {
      if (out.has(id)) continue;
      const hit = this.young.get(id) ?? this.promote(id);
      if (hit) out.set(id, hit);
      else misses.add(id);
    }
    const missing = [...misses];
    for (let i = 0; i < missing.length; i += 500) {
      const rows = await this.db
        .selectFrom('decisions')
        .select(['id', 'input_json'])
        .where('id', 'in', missing.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(r.id, this.remember(r.id, r.input_json));
    }
    return out;
  }

  /** One decision's input. */
  async one(id: string): Promise<DecisionFacts | undefined> {
    return (await this.get([id])).get(id);
  }

  /** Parses and keeps an input read elsewhere. */
  remember(id: string, inputJson: string): DecisionFacts {
    const parsed = JSON.parse(inputJson) as DecisionFacts;
    this.keep(id, parsed);
    return parsed;
  }

  /** Drops an erased decision's input from the cache. */
  forget(id: string): void {
    this.young.delete(id);
    this.old.delete(id);
  }

  /** How many entries are kept (both generations; an entry brought back counts twice). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  private promote(id: string): DecisionFacts | undefined {
    const hit = this.old.get(id);
    if (hit) this.keep(id, hit);
    return hit;
  }

  private keep(id: string, facts: DecisionFacts): void {
    if (this.young.size >= Math.max(1, Math.floor(this.max / 2))) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(id, facts);
  }
}
