import type { INodeProperties } from 'n8n-workflow';

import {
  AUTHORITIES,
  CASE_LANGUAGES,
  GENERAL_CONDITIONS,
  MEASURES,
  PARTICULAR_CATEGORIES,
  PARTICULAR_TYPES,
} from '../../../contract/index';
import { decisionFieldProperties } from './decision-fields';

/** Every options parameter of the fields, nested collections included, by name: the values offered. */
function offered(properties: readonly unknown[], into = new Map<string, string[]>()): Map<string, string[]> {
  for (const property of properties as Array<INodeProperties & { values?: unknown[] }>) {
    const options = (property.options ?? []) as Array<{ value?: unknown; values?: unknown[] }>;
    const values = options.map((o) => o.value).filter((v): v is string => typeof v === 'string');
    if (values.length > 0) into.set(property.name, values.sort());
    for (const option of options) if (option.values) offered(option.values, into);
    offered(
      options.filter((o) => 'displayName' in o && 'type' in o),
      into,
    );
  }
  return into;
}

describe('the decision fields of Upload Decision', () => {
  it('offer exactly the contract vocabularies', () => {
    const byName = offered(decisionFieldProperties);
    expect(Object.fromEntries(byName)).toEqual({
      authority: [...AUTHORITIES].sort(),
      measure: [...MEASURES].sort(),
      generalConditions: [...GENERAL_CONDITIONS].sort(),
      type: [...PARTICULAR_TYPES].sort(),
      category: [...PARTICULAR_CATEGORIES].sort(),
      language: [...CASE_LANGUAGES].sort(),
    });
  });
});
