import { processIdsOf } from './process-ids';

describe('processIdsOf', () => {
  it('reads the process ids with or without a prefix, and not those of other elements', () => {
    expect(
      processIdsOf(
        '<bpmn:definitions id="d"><bpmn:process id="a" isExecutable="true"><bpmn:startEvent id="s"/></bpmn:process>' +
          '<bpmn:process isExecutable="false" id="b"/></bpmn:definitions>',
      ),
    ).toEqual(['a', 'b']);
    expect(processIdsOf('<definitions><process id="p"/><subProcess id="x"/></definitions>')).toEqual(['p']);
    expect(processIdsOf('<definitions/>')).toEqual([]);
  });
});
