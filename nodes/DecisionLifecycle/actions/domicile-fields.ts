import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { NewAddress } from '../../../contract/index';

/**
 * The fields of an address in Belgium, as the platform's NewAddress (contract/decision.ts): street,
 * number, box, postal code and, where the postal code covers several municipalities, the NIS code.
 * `prefix` keeps the names of two uses apart (the new domicile of a move, the address on release).
 */
export function domicileProperties(prefix: string, what: string, show: IDataObject): INodeProperties[] {
  const displayOptions = { show } as INodeProperties['displayOptions'];
  return [
    {
      displayName: 'Street',
      name: `${prefix}Street`,
      type: 'string',
      required: true,
      default: '',
      description: `Street of ${what}`,
      displayOptions,
    },
    {
      displayName: 'House Number',
      name: `${prefix}Number`,
      type: 'string',
      required: true,
      default: '',
      displayOptions,
    },
    {
      displayName: 'Box',
      name: `${prefix}Box`,
      type: 'string',
      default: '',
      displayOptions,
    },
    {
      displayName: 'Postal Code',
      name: `${prefix}PostalCode`,
      type: 'string',
      required: true,
      default: '',
      placeholder: 'e.g. 7780',
      description: `Postal code of ${what}; when it covers several municipalities, also give the Municipality NIS Code`,
      displayOptions,
    },
    {
      displayName: 'Municipality NIS Code',
      name: `${prefix}MunicipalityNis`,
      type: 'string',
      default: '',
      placeholder: 'e.g. 57097',
      description: "Statbel's 5-digit code of the municipality",
      displayOptions,
    },
  ];
}

/** The item's address from the fields above; a missing street, number or postal code stops the item. */
export function domicileFromFields(
  context: IExecuteFunctions,
  prefix: string,
  itemIndex: number,
): NewAddress {
  const text = (name: string) =>
    String(context.getNodeParameter(`${prefix}${name}`, itemIndex, '') ?? '').trim();
  for (const [name, label] of [
    ['Street', 'Street'],
    ['Number', 'House Number'],
    ['PostalCode', 'Postal Code'],
  ] as const) {
    if (!text(name)) {
      throw new NodeOperationError(context.getNode(), `${label} is empty`, {
        description: 'An address needs its street, house number and postal code.',
        itemIndex,
      });
    }
  }
  const domicile: NewAddress = {
    street: text('Street'),
    number: text('Number'),
    postalCode: text('PostalCode'),
  };
  if (text('Box')) domicile.box = text('Box');
  if (text('MunicipalityNis')) domicile.municipalityNis = text('MunicipalityNis');
  return domicile;
}
