import { shown, summarizeDiff } from './model-diff';

describe('summarizeDiff', () => {
  it('lists added, removed and changed elements with their properties, then layout-only moves', () => {
    const changes = summarizeDiff({
      _added: { T2: { $type: 'bpmn:UserTask', id: 'T2', name: 'Review' } },
      _removed: { F1: { $type: 'bpmn:SequenceFlow', id: 'F1' } },
      _changed: {
        T1: {
          model: { $type: 'bpmn:ServiceTask', id: 'T1', name: 'Issue the mandate' },
          attrs: {
            // as bpmn-js-differ 3 reports them: `oldValue` is the new document's
            name: { oldValue: 'Issue the mandate', newValue: 'Issue mandate' },
            default: { oldValue: { $type: 'bpmn:SequenceFlow', id: 'F2' }, newValue: undefined },
          },
        },
      },
      _layoutChanged: {
        T1: { $type: 'bpmn:ServiceTask', id: 'T1' },
        E1: { $type: 'bpmn:EndEvent', id: 'E1', name: 'Done' },
      },
    });
    expect(changes).toEqual([
      { id: 'T2', kind: 'added', type: 'UserTask', name: 'Review', properties: [] },
      { id: 'F1', kind: 'removed', type: 'SequenceFlow', name: '', properties: [] },
      {
        id: 'T1',
        kind: 'changed',
        type: 'ServiceTask',
        name: 'Issue the mandate',
        properties: [
          { name: 'name', before: 'Issue mandate', after: 'Issue the mandate' },
          { name: 'default', before: '—', after: 'F2' },
        ],
      },
      { id: 'E1', kind: 'layout', type: 'EndEvent', name: 'Done', properties: [] },
    ]);
  });

  it('shows objects without an id as JSON, without their type', () => {
    expect(shown({ $type: 'zeebe:TaskDefinition', type: 'iplus:escalate' })).toBe(
      '{"type":"iplus:escalate"}',
    );
    expect(shown(3)).toBe('3');
  });
});
