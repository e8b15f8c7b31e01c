import { instanceKeysOf } from './migration-types';

describe('instanceKeysOf', () => {
  it('reads keys separated by commas, spaces or lines, each once', () => {
    expect(instanceKeysOf('2251799813685253, 2251799813685260\n2251799813685253 x')).toEqual([
      '2251799813685253',
      '2251799813685260',
    ]);
    expect(instanceKeysOf('  ')).toEqual([]);
  });
});
