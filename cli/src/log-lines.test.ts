import { formatLine, lineLogger } from './log-lines';

const at = new Date('2026-12-06T04:00:00.000Z');

describe('log lines', () => {
  it('json: one object per line with time, level, source, msg and the fields', () => {
    const line = formatLine('json', at, 'platform', 'warn', 'job failed', {
      type: 'iplus:escalate',
      requestId: 'r-1',
    });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      time: '2026-12-06T04:00:00.000Z',
      level: 'warn',
      source: 'platform',
      msg: 'job failed',
      type: 'iplus:escalate',
      requestId: 'r-1',
    });
  });

  it('json: a field cannot overwrite time, level, source or msg', () => {
    const line = JSON.parse(
      formatLine('json', at, 'platform', 'info', 'real', { msg: 'forged', level: 'error' }),
    );
    expect(line).toMatchObject({ msg: 'real', level: 'info' });
  });

  it('text: the readable form stays as it was', () => {
    expect(formatLine('text', at, 'platform', 'info', 'up', { n: 1 })).toBe(
      '2026-12-06T04:00:00.000Z platform info: up {"n":1}',
    );
    expect(formatLine('text', at, 'iplus', 'info', 'engine: Zeebe gateway on x')).toBe(
      '2026-12-06T04:00:00.000Z engine: Zeebe gateway on x',
    );
  });

  it('prints from the configured level up', () => {
    const lines: string[] = [];
    const logger = lineLogger(
      (l) => lines.push(l),
      () => 'json',
      () => 'warn',
      'engine',
    );
    logger.debug('no');
    logger.info('no');
    logger.warn('yes');
    logger.error('yes');
    expect(lines.map((l) => (JSON.parse(l) as { level: string }).level)).toEqual(['warn', 'error']);
  });
});
