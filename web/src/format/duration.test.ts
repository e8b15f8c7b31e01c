import { parseIsoDuration, splitDelay } from './duration';
import { formatDelay, formatDate, formatNumber } from './format';

describe('parseIsoDuration', () => {
  it.each([
    ['PT24H', 86_400_000],
    ['PT30M', 1_800_000],
    ['P2D', 172_800_000],
    ['P1DT2H3M4S', 93_784_000],
    ['P1W', 604_800_000],
    ['PT0.5S', 500],
  ])('%s is %d ms', (text, ms) => expect(parseIsoDuration(text)).toBe(ms));

  it.each(['', 'P', 'PT', '24H', 'PT24X', 'P1Y'])('rejects %p', (text) =>
    expect(parseIsoDuration(text)).toBeUndefined(),
  );
});

describe('splitDelay', () => {
  it('keeps the two largest units', () => {
    expect(splitDelay(93 * 60_000)).toEqual([
      { unit: 'hour', value: 1 },
      { unit: 'minute', value: 33 },
    ]);
    expect(splitDelay(2 * 86_400_000 + 4 * 3_600_000 + 59_000)).toEqual([
      { unit: 'day', value: 2 },
      { unit: 'hour', value: 4 },
    ]);
  });
  it('drops a zero second unit and shows 0 s for nothing', () => {
    expect(splitDelay(3_600_000)).toEqual([{ unit: 'hour', value: 1 }]);
    expect(splitDelay(0)).toEqual([{ unit: 'second', value: 0 }]);
    expect(splitDelay(1_499)).toEqual([{ unit: 'second', value: 1 }]);
  });
});

describe('formatting in the Belgian locales', () => {
  it('formats delays, dates and numbers per language', () => {
    expect(formatDelay(93 * 60_000, 'en')).toMatch(/^1\shr 33\smins?$/);
    expect(formatDelay(93 * 60_000, 'fr')).toMatch(/^1\sh 33\smin$/);
    expect(formatDelay(93 * 60_000, 'nl')).toMatch(/^1\suur 33\smin/);
    expect(formatDate('2026-11-20', 'de')).toBe('20.11.2026');
    expect(formatDate('2026-11-20', 'nl')).toMatch(/^20 nov\.? 2026$/);
    expect(formatNumber(1234.5, 'de', 1)).toBe('1.234,5');
    expect(formatNumber(1234.5, 'fr', 1)).toMatch(/^1\s234,5$/);
  });
});
