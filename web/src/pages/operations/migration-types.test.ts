import { instanceKeysOf, mappableElements, mappingTargets } from './migration-types';

describe('instanceKeysOf', () => {
  it('reads keys separated by commas, spaces or lines, each once', () => {
    expect(instanceKeysOf('2251799813685253, 2251799813685260\n2251799813685253 x')).toEqual([
      '2251799813685253',
      '2251799813685260',
    ]);
    expect(instanceKeysOf('  ')).toEqual([]);
  });
});

describe('the mapping table', () => {
  const elements = [
    { id: 'Start', type: 'startEvent' },
    { id: 'Revised', type: 'startEvent', event: 'message' },
    { id: 'Late', type: 'boundaryEvent', event: 'timer' },
    { id: 'Cancel', type: 'boundaryEvent', event: 'message' },
    { id: 'Review', type: 'userTask' },
  ];
  it('lists every element but a none start event: catch events are mapped too', () => {
    expect(mappableElements(elements).map((e) => e.id)).toEqual(['Revised', 'Late', 'Cancel', 'Review']);
  });
  it('offers targets of the same type and kind of event', () => {
    expect(mappingTargets(elements[2]!, elements).map((e) => e.id)).toEqual(['Late']);
    expect(mappingTargets(elements[4]!, elements).map((e) => e.id)).toEqual(['Review']);
  });
});
