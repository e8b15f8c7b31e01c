import { reviewRefusal } from './four-eyes';

describe('four eyes on a model change', () => {
  it('lets a second analyst or an admin review, never the author', () => {
    expect(reviewRefusal({ user: 'bob', role: 'analyst' }, 'alice', 'four-eyes')).toBeUndefined();
    expect(reviewRefusal({ user: 'root', role: 'admin' }, 'alice', 'four-eyes')).toBeUndefined();
    expect(reviewRefusal({ user: 'alice', role: 'analyst' }, 'alice', 'four-eyes')).toMatch(/second analyst/);
    expect(reviewRefusal({ user: 'root', role: 'admin' }, 'root', 'four-eyes')).toMatch(/author/);
  });

  it('lets the author approve when review is off, but never another role', () => {
    expect(reviewRefusal({ user: 'alice', role: 'analyst' }, 'alice', 'off')).toBeUndefined();
    expect(reviewRefusal({ user: 'carol', role: 'coordinator' }, 'alice', 'off')).toMatch(
      /analyst or an admin/,
    );
    expect(reviewRefusal({ user: 'carol', role: 'coordinator' }, 'alice', 'four-eyes')).toMatch(/analyst/);
  });
});
