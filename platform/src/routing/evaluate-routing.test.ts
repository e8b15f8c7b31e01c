import type { EnginePort } from '../engine-port';
import { evaluateRouting } from './preview-routing';

/** An engine whose routing answers wait until `answer()`; counts the evaluations asked of it. */
function slowEngine() {
  const waiting: Array<() => void> = [];
  const asked: string[] = [];
  const engine = {
    evaluateDecision: (decisionId: string, variables: Record<string, unknown>) => {
      asked.push(`${decisionId} ${String(variables.nis)}`);
      return new Promise((resolve) =>
        waiting.push(() =>
          resolve({ output: { policeZoneId: 'PZ-5318', justiceHouseId: 'MJ-TOURNAI', live: true } }),
        ),
      );
    },
  } as unknown as EnginePort;
  return { engine, asked, answer: () => waiting.splice(0).forEach((r) => r()) };
}

const comines = {
  province: 'WHT',
  nis: '54010',
  measure: 'conditional_release',
  electronicMonitoring: false,
  language: 'fr',
};

describe('evaluateRouting (routing/preview-routing)', () => {
  it('calls made while the same evaluation is in flight share one engine call', async () => {
    const { engine, asked, answer } = slowEngine();
    const both = Promise.all([evaluateRouting(engine, comines), evaluateRouting(engine, comines)]);
    answer();
    const [a, b] = await both;
    expect(asked).toEqual(['routing-WHT 54010']);
    expect(a).toMatchObject({ policeZoneId: 'PZ-5318', live: true });
    expect(b).toEqual(a);
  });

  it('keeps no answer: a later call, or one for another case, asks the engine again', async () => {
    const { engine, asked, answer } = slowEngine();
    const first = evaluateRouting(engine, comines);
    const other = evaluateRouting(engine, { ...comines, nis: '57081' });
    answer();
    await Promise.all([first, other]);
    const later = evaluateRouting(engine, comines);
    answer();
    await later;
    expect(asked).toEqual(['routing-WHT 54010', 'routing-WHT 57081', 'routing-WHT 54010']);
  });
});
