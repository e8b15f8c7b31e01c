import { formFieldKeys } from './form-fields';

describe('formFieldKeys', () => {
  it('lists the keys of the fields at any depth, and a group path instead of its fields', () => {
    const schema = {
      type: 'default',
      id: 'case-review',
      components: [
        { type: 'text', text: '# Review' },
        { type: 'checkbox', key: 'approved', label: 'Approved' },
        { type: 'textarea', key: 'comment', label: 'Comment' },
        {
          type: 'group',
          path: 'review',
          components: [{ type: 'textfield', key: 'reviewer' }],
        },
        { type: 'group', components: [{ type: 'number', key: 'score.value' }] },
      ],
    };
    expect([...formFieldKeys(schema)].sort()).toEqual(['approved', 'comment', 'review', 'score']);
  });

  it('finds nothing in a form without fields or in something that is not a form', () => {
    expect(formFieldKeys({ components: [{ type: 'text', text: 'hello' }] }).size).toBe(0);
    expect(formFieldKeys(null).size).toBe(0);
    expect(formFieldKeys('x').size).toBe(0);
  });
});
