import type { DecisionFacts } from '../reference-port';
import type { Db } from './database';

/**
 * The validated input of decisions, parsed once: a decision's input never changes after upload, and
 * every mandate shown repeats its person and conditions, so inboxes read them from here instead of
 * parsing the same JSON for each row. Least recently used entries go first.
 */
export class DecisionInputs {
  private readonly cache = new Map<string, DecisionFacts>();

  constructor(
    private readonly db: Db,
    private readonly max = 20_000,
  ) {}

  /** The inputs of these decisions (missing ones read in one query). */
  async get(ids: Iterable<string>): Promise<Map<string, DecisionFacts>> {
    const out = new Map<string, DecisionFacts>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const hit = this.cache.get(id);
      if (hit) {
        this.cache.delete(id);
        this.cache.set(id, hit);
        out.set(id, hit);
      } else {
        missing.push(id);
      }
    }
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
    if (this.cache.size >= this.max) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, parsed);
    return parsed;
  }
}
