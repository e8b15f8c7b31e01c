import { durationUnit, formatInUnit, inUnit, UNIT_MS } from './duration-unit';
import { linearScale } from './scale';

describe('the unit of a duration chart, picked from the data', () => {
  it.each([
    [0, 'hour'],
    [Number.NaN, 'hour'],
    [500, 'second'],
    [45_000, 'second'],
    [119_999, 'second'],
    [120_000, 'minute'],
    [59 * 60_000, 'minute'],
    [119 * 60_000, 'minute'],
    [2 * 3_600_000, 'hour'],
    [30 * 3_600_000, 'hour'],
    [47.9 * 3_600_000, 'hour'],
    [2 * 86_400_000, 'day'],
    [40 * 86_400_000, 'day'],
  ])('%d ms at most: %s', (maxMs, unit) => expect(durationUnit(maxMs)).toBe(unit));

  it('converts milliseconds to the unit', () => {
    expect(inUnit([90_000, 30_000], 'minute')).toEqual([1.5, 0.5]);
    expect(inUnit([UNIT_MS.day * 3], 'day')).toEqual([3]);
  });

  it('writes the unit short, in the locale', () => {
    const f = (...args: Parameters<typeof formatInUnit>) => formatInUnit(...args).replace(/\s/g, ' ');
    expect(f(20, 'minute', 'en-BE')).toBe('20 mins');
    expect(f(1.5, 'hour', 'fr-BE')).toBe('1,5 h');
    expect(f(3, 'day', 'fr-BE')).toBe('3 j');
    expect(f(3, 'hour', 'nl-BE')).toBe('3 uur');
    expect(f(45, 'second', 'nl-BE')).toBe('45 sec');
    expect(f(0.05, 'second', 'en-BE')).toBe('0,05 secs');
    expect(f(12.6, 'hour', 'de-BE')).toBe('13 Std.');
  });

  // The bug: delays under an hour drawn in hours gave every tick the label "0 h".
  it.each([
    300,
    4_000,
    45_000,
    5 * 60_000,
    42 * 60_000,
    59 * 60_000,
    3 * 3_600_000,
    30 * 3_600_000,
    9 * 86_400_000,
  ])('an axis up to %d ms has distinct labels, none of them a lone zero but the first', (maxMs) => {
    const unit = durationUnit(maxMs);
    const scale = linearScale(maxMs / UNIT_MS[unit], 200);
    const labels = scale.ticks.map((t) => formatInUnit(t, unit, 'en-BE'));
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(labels.slice(1).filter((l) => /^0\s/.test(l))).toEqual([]);
    // the top tick covers the data, in the same unit
    expect(scale.max * UNIT_MS[unit]).toBeGreaterThanOrEqual(maxMs);
  });
});
