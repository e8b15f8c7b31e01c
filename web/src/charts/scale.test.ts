import { groupedBars, linearScale, niceStep } from './scale';

describe('chart scales', () => {
  it.each([
    [10, 4, 2],
    [100, 4, 20],
    [7, 4, 2],
    [3_600_000, 4, 1_000_000],
    [0.9, 3, 0.2],
    [20, 4, 5],
  ])('niceStep(%d, %d) = %d', (range, count, step) => expect(niceStep(range, count)).toBe(step));

  it('rounds the axis up and maps values to pixels', () => {
    const s = linearScale(87, 200);
    expect(s.max).toBe(100);
    expect(s.ticks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(s.y(0)).toBe(200);
    expect(s.y(100)).toBe(0);
    expect(s.y(50)).toBe(100);
    expect(s.y(-5)).toBe(200);
  });

  it('gives a usable axis for no data', () => {
    const s = linearScale(0, 100);
    expect(s.max).toBe(1);
    expect(s.ticks).toEqual([0, 1]);
    expect(s.y(0)).toBe(100);
  });

  it('keeps whole steps for counts', () => {
    expect(linearScale(1.5, 100, 4, false).ticks).toEqual([0, 0.5, 1, 1.5]);
    expect(linearScale(1.5, 100, 4, true).ticks).toEqual([0, 1, 2]);
  });

  it('lays grouped bars side by side inside their group', () => {
    const s = linearScale(10, 100);
    const bars = groupedBars(
      [
        [5, 10],
        [2, 4],
      ],
      200,
      100,
      s,
      0.2,
    );
    expect(bars).toHaveLength(4);
    expect(bars[0]).toMatchObject({ group: 0, series: 0, x: 10, width: 40, height: 50, y: 50 });
    expect(bars[1]).toMatchObject({ x: 50, height: 100, y: 0 });
    expect(bars[2].x).toBe(110);
    for (const b of bars) expect(b.x + b.width).toBeLessThanOrEqual(200);
  });
});
