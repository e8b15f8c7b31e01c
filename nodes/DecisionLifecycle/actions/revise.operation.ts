import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { GeneralCondition, ParticularCondition, RevisionInput } from '../../../contract/index';
import { decisionIdProperty } from '../../Iplus/decision-id';
import { forEachItem } from '../../Iplus/for-each-item';
import { decisionFieldProperties } from '../../UploadDecision/actions/decision-fields';
import { postLifecycleChange } from './lifecycle-request';

/** The conditions' fields of Upload Decision, so a revision reads as the upload did. */
const conditionProperties = decisionFieldProperties
  .filter((p) => p.name === 'generalConditions' || p.name === 'particularConditions')
  .map((p) => ({ ...p, displayOptions: { show: { changeConditions: [true] } } }));

const properties: INodeProperties[] = [
  { ...decisionIdProperty, description: 'The decision whose measure is revised' },
  {
    displayName: 'Change Conditions',
    name: 'changeConditions',
    type: 'boolean',
    default: true,
    description: 'Whether to replace the conditions with the ones below (the whole new set)',
  },
  ...conditionProperties,
  {
    displayName: 'New Measure End',
    name: 'measureEnd',
    type: 'string',
    default: '',
    placeholder: 'e.g. 2027-12-31',
    description: 'The new last day of the measure (YYYY-MM-DD); empty keeps the current end',
  },
  {
    displayName: 'Reason',
    name: 'reason',
    type: 'string',
    default: '',
    description: "Why the measure is revised; kept in the audit log and in the recipients' notification",
  },
];

export const description = updateDisplayOptions({ show: { operation: ['revise'] } }, properties);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** POST /api/decisions/{id}/revision for every item: the revised decision is the item's output. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
  return await forEachItem.call(this, async (itemIndex) => {
    const body: RevisionInput = {};
    if (this.getNodeParameter('changeConditions', itemIndex, true) === true) {
      const particular =
        (
          this.getNodeParameter('particularConditions', itemIndex, {}) as {
            condition?: Array<Omit<ParticularCondition, 'text'> & { text?: string }>;
          }
        ).condition ?? [];
      body.conditions = {
        general: this.getNodeParameter('generalConditions', itemIndex, []) as GeneralCondition[],
        particular: particular.map(({ type, category, text }) => ({
          type,
          category,
          text: (text ?? '').trim(),
        })),
      };
    }
    const measureEnd = String(this.getNodeParameter('measureEnd', itemIndex, '') ?? '').trim();
    if (measureEnd) {
      if (!DATE.test(measureEnd)) {
        throw new NodeOperationError(this.getNode(), `New Measure End "${measureEnd}" is not a date`, {
          description:
            'Write the last day of the measure as YYYY-MM-DD, such as 2027-12-31, or leave it empty.',
          itemIndex,
        });
      }
      body.measureEnd = measureEnd;
    }
    if (!body.conditions && !body.measureEnd) {
      throw new NodeOperationError(this.getNode(), 'Nothing to revise', {
        description: 'Turn on Change Conditions, or give a New Measure End.',
        itemIndex,
      });
    }
    const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '').trim();
    if (reason) body.reason = reason;
    return await postLifecycleChange(this, 'revision', body, itemIndex);
  });
}
