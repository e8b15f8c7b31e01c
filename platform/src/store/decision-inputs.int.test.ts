import { uploadDecision } from '../decisions/upload-decision';
import { cominesDecision, monsClerk, samplePdf } from '../__fixtures__/sample-decision';
import { eachTestContext } from '../__fixtures__/test-context';
import { testDatabase } from '../__fixtures__/test-store';
import { transact } from './database';
import { DecisionInputs } from './decision-inputs';

// A kept input is answered from memory and a dropped one read again: the rows' inputs are changed
// behind the cache's back, so which of the two answered shows.
describe(`the decisions' inputs kept in memory, on ${testDatabase}`, () => {
  const t = eachTestContext('iplus-decision-inputs-');

  async function decisions(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++)
      ids.push(
        (
          await uploadDecision(t.ctx, monsClerk, {
            decision: cominesDecision(`TAP-MONS-2026-INPUTS-${i}`),
            document: { fileName: 'decision.pdf', bytes: samplePdf() },
          })
        ).decision.id,
      );
    return ids;
  }

  async function changeBehindItsBack(ids: string[]): Promise<void> {
    for (const id of ids)
      await transact(t.store.db, (trx) =>
        trx
          .updateTable('decisions')
          .set({ input_json: JSON.stringify({ measure: `stored ${id}` }) })
          .where('id', '=', id)
          .execute(),
      );
  }

  const kept = (id: string) => JSON.stringify({ measure: `kept ${id}` });

  it('keeps what was used since the last turn of generations and drops the rest', async () => {
    const [a, b, c, d] = await decisions(4);
    const inputs = new DecisionInputs(t.store.db, 4); // two generations of two
    inputs.remember(a!, kept(a!));
    inputs.remember(b!, kept(b!));
    inputs.remember(c!, kept(c!)); // a and b become the old generation
    expect((await inputs.get([a!])).get(a!)?.measure).toBe(`kept ${a}`); // a comes back
    inputs.remember(d!, kept(d!)); // c and a become the old generation; b is dropped
    await changeBehindItsBack([a!, b!, c!, d!]);
    const got = await inputs.get([a!, b!, c!, d!, b!]);
    expect(Object.fromEntries([...got].map(([id, f]) => [id, f.measure]))).toEqual({
      [a!]: `kept ${a}`,
      [b!]: `stored ${b}`,
      [c!]: `kept ${c}`,
      [d!]: `kept ${d}`,
    });
    expect(inputs.size).toBeLessThanOrEqual(4);
  });

  it('reads an erased decision again once forgotten, and only what is missing', async () => {
    const [a, b] = await decisions(2);
    const inputs = new DecisionInputs(t.store.db);
    inputs.remember(a!, kept(a!));
    inputs.remember(b!, kept(b!));
    await changeBehindItsBack([a!, b!]);
    inputs.forget(a!);
    const got = await inputs.get([a!, b!]);
    expect(got.get(a!)?.measure).toBe(`stored ${a}`);
    expect(got.get(b!)?.measure).toBe(`kept ${b}`);
    expect((await inputs.one('D-NONE')) ?? 'none').toBe('none');
  });
});
