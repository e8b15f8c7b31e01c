import { blankForm, linkedFormIds } from './linked-forms';

describe('linked forms', () => {
  it('finds each form id the user tasks link, once, sorted', () => {
    const xml = `<bpmn:userTask id="A"><bpmn:extensionElements><zeebe:userTask />
      <zeebe:formDefinition formId="review" /></bpmn:extensionElements></bpmn:userTask>
      <bpmn:userTask id="B"><bpmn:extensionElements><zeebe:formDefinition bindingType="latest" formId="approve" />
      </bpmn:extensionElements></bpmn:userTask><bpmn:userTask id="C"><zeebe:formDefinition formId="review" /></bpmn:userTask>
      <bpmn:userTask id="D"><zeebe:formDefinition externalReference="https://x" /></bpmn:userTask>`;
    expect(linkedFormIds(xml)).toEqual(['approve', 'review']);
    expect(linkedFormIds('<bpmn:process id="p" />')).toEqual([]);
  });

  it('makes a blank form carrying the id the model links', () => {
    expect(blankForm('review')).toMatchObject({ id: 'review', components: [] });
  });
});
