import type { Decision } from '../../Iplus/api-types';
import { awaitRouting, routingSettled } from './routing-wait';

const decision = (fields: Partial<Decision>): Decision =>
  ({
    id: 'D-1',
    reference: 'R',
    processInstanceKey: '1',
    routing: null,
    mandates: [],
    status: 'received',
    ...fields,
  }) as Decision;

const routed = decision({
  status: 'routed',
  routing: {
    recipients: [
      { kind: 'police_check', agencyId: 'PZ-5341' },
      { kind: 'guidance', agencyId: 'JH-MONS' },
    ],
  } as Decision['routing'],
  mandates: [{ id: 'M-1-POL' }] as Decision['mandates'],
});

/** A clock that only moves when the code under test sleeps. */
function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe('routing of an uploaded decision', () => {
  it('is settled once every routed recipient has its mandate, or the decision went another way', () => {
    expect(routingSettled(decision({ status: 'received' }))).toBe(false);
    expect(routingSettled(routed)).toBe(false);
    expect(
      routingSettled({
        ...routed,
        mandates: [...routed.mandates, { id: 'M-1-GUI' }] as Decision['mandates'],
      }),
    ).toBe(true);
    expect(routingSettled(decision({ status: 'old_channel' }))).toBe(true);
    expect(routingSettled(decision({ status: 'manual_assignment' }))).toBe(true);
  });

  it('looks again at each interval until the routing has settled', async () => {
    const clock = fakeClock();
    const states = [routed, { ...routed, mandates: [...routed.mandates, { id: 'M-1-GUI' }] }] as Decision[];

    const result = await awaitRouting(decision({}), async () => states.shift()!, {
      timeoutMs: 10_000,
      intervalMs: 250,
      ...clock,
    });

    expect(result.mandates).toHaveLength(2);
    expect(clock.sleeps).toEqual([250, 250]);
  });

  it('gives up at the timeout with the last state it saw', async () => {
    const clock = fakeClock();

    const result = await awaitRouting(decision({}), async () => decision({ status: 'received' }), {
      timeoutMs: 600,
      intervalMs: 250,
      ...clock,
    });

    expect(result.status).toBe('received');
    expect(clock.sleeps).toEqual([250, 250, 100]);
  });
});
