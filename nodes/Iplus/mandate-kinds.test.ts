import { MANDATE_KINDS } from '../../contract/index';
import { MANDATE_KIND_OPTIONS } from './mandate-kinds';

describe('the Kind parameter of Issue Mandate', () => {
  it('offers exactly the contract kinds of mandate, in its order', () => {
    expect(MANDATE_KIND_OPTIONS.map((option) => option.value)).toEqual([...MANDATE_KINDS]);
  });
});
