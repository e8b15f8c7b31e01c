import type { ElementInstance } from './camunda-types';
import { instancePath } from './instance-path';
import { resolveTimerText, timerDueAt, waitStates, variableValue } from './waiting';

function el(
  elementId: string,
  state: string,
  type = 'SERVICE_TASK',
  extra: Partial<ElementInstance> = {},
): ElementInstance {
  return {
    elementInstanceKey: `k-${elementId}`,
    elementId,
    type,
    state,
    startDate: '2026-11-26T10:00:00.000Z',
    processInstanceKey: '1',
    ...extra,
  };
}

describe('instancePath', () => {
  const flows = [
    { id: 'f1', sourceId: 'start', targetId: 'gw' },
    { id: 'f2', sourceId: 'gw', targetId: 'live' },
    { id: 'f3', sourceId: 'gw', targetId: 'oldChannel' },
    { id: 'f4', sourceId: 'live', targetId: 'end' },
  ];

  it('marks done, active and incident elements and the flows taken', () => {
    const p = instancePath(
      [
        el('proc', 'ACTIVE', 'PROCESS'),
        el('start', 'COMPLETED', 'START_EVENT'),
        el('gw', 'COMPLETED', 'EXCLUSIVE_GATEWAY'),
        el('live', 'ACTIVE', 'SERVICE_TASK', { hasIncident: true, incidentKey: '9' }),
      ],
      flows,
    );
    expect([...p.completed].sort()).toEqual(['gw', 'start']);
    expect([...p.active]).toEqual(['live']);
    expect([...p.incidents]).toEqual(['live']);
    expect([...p.taken].sort()).toEqual(['f1', 'f2']);
  });

  it('uses recorded sequence flows as they are', () => {
    const p = instancePath([el('f3', 'COMPLETED', 'SEQUENCE_FLOW')], flows);
    expect([...p.taken]).toEqual(['f3']);
  });
});

describe('timers', () => {
  it('resolves literal, FEEL string and variable expressions', () => {
    expect(resolveTimerText('PT24H', {})).toBe('PT24H');
    expect(resolveTimerText('="PT1H"', {})).toBe('PT1H');
    expect(resolveTimerText('=duration("PT30M")', {})).toBe('PT30M');
    expect(resolveTimerText('=ackDeadline', { ackDeadline: 'PT24H' })).toBe('PT24H');
    expect(resolveTimerText('=ackDeadline', {})).toBeUndefined();
    expect(resolveTimerText('=now() + duration("PT1H")', {})).toBeUndefined();
  });

  it('computes due times of durations, dates and cycles', () => {
    const start = '2026-11-26T10:00:00.000Z';
    expect(
      timerDueAt({ eventId: 't', kind: 'duration', expression: '=ackDeadline' }, start, {
        ackDeadline: 'PT24H',
      }),
    ).toBe('2026-11-27T10:00:00.000Z');
    expect(timerDueAt({ eventId: 't', kind: 'date', expression: '2026-12-01T08:00:00Z' }, start, {})).toBe(
      '2026-12-01T08:00:00.000Z',
    );
    expect(timerDueAt({ eventId: 't', kind: 'cycle', expression: 'R3/PT10M' }, start, {})).toBe(
      '2026-11-26T10:10:00.000Z',
    );
    expect(timerDueAt({ eventId: 't', kind: 'duration', expression: '=x' }, start, {})).toBeNull();
  });

  it('reads variable values from their JSON text', () => {
    expect(variableValue({ name: 'ackDeadline', value: '"PT24H"' })).toBe('PT24H');
    expect(variableValue({ name: 'n', value: '3' })).toBe(3);
    expect(variableValue({ name: 'raw', value: 'PT1H' })).toBe('PT1H');
  });
});

describe('waitStates', () => {
  it('lists open message subscriptions and timers of active elements', () => {
    const states = waitStates(
      [
        el('awaitAck', 'ACTIVE', 'INTERMEDIATE_CATCH_EVENT'),
        el('followUp', 'ACTIVE', 'SUB_PROCESS'),
        el('done', 'COMPLETED'),
      ],
      [
        {
          processInstanceKey: '1',
          elementId: 'awaitAck',
          messageName: 'MandateAcknowledged',
          correlationKey: 'M-000001-POL',
          messageSubscriptionState: 'CREATED',
        },
        {
          processInstanceKey: '1',
          elementId: 'old',
          messageName: 'X',
          correlationKey: 'y',
          messageSubscriptionState: 'CORRELATED',
        },
      ],
      [
        { eventId: 'deadline', attachedToId: 'followUp', kind: 'duration', expression: '=ackDeadline' },
        { eventId: 'other', attachedToId: 'done', kind: 'duration', expression: 'PT1H' },
      ],
      { ackDeadline: 'PT24H' },
    );
    expect(states).toEqual([
      {
        kind: 'message',
        elementId: 'awaitAck',
        messageName: 'MandateAcknowledged',
        correlationKey: 'M-000001-POL',
      },
      {
        kind: 'timer',
        elementId: 'followUp',
        timerId: 'deadline',
        dueAt: '2026-11-27T10:00:00.000Z',
        expression: '=ackDeadline',
      },
    ]);
  });

  it("takes the engine's own timers when it has them: one per loop, with the engine's due date", () => {
    const definitions = [
      {
        eventId: 'deadline',
        attachedToId: 'followUp',
        kind: 'duration' as const,
        expression: '=ackDeadline',
      },
    ];
    const states = waitStates(
      [el('followUp', 'ACTIVE', 'SUB_PROCESS'), el('followUp', 'ACTIVE', 'SUB_PROCESS')],
      [],
      definitions,
      {},
      [
        { timerKey: '7', state: 'CREATED', dueDate: '2026-11-27T10:00:00.000Z', elementId: 'deadline' },
        { timerKey: '8', state: 'CREATED', dueDate: '2026-11-27T11:30:00.000Z', elementId: 'deadline' },
        { timerKey: '9', state: 'TRIGGERED', dueDate: '2026-11-26T09:00:00.000Z', elementId: 'deadline' },
      ],
    );
    expect(states.map((s) => s.kind === 'timer' && [s.elementId, s.timerId, s.dueAt])).toEqual([
      ['followUp', 'deadline', '2026-11-27T10:00:00.000Z'],
      ['followUp', 'deadline', '2026-11-27T11:30:00.000Z'],
    ]);
    // an engine that says nothing waits on a timer is believed, even if the diagram has one
    expect(waitStates([el('followUp', 'ACTIVE', 'SUB_PROCESS')], [], definitions, {}, [])).toEqual([]);
  });
});
