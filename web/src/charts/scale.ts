/** The arithmetic of the small SVG charts: value axes with round ticks and bar geometry. */

/** A round step near range/count: 1, 2 or 5 times a power of ten. */
export function niceStep(range: number, count: number): number {
  if (range <= 0 || count <= 0) return 1;
  const raw = range / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f >= Math.sqrt(50) ? 10 : f >= Math.sqrt(10) ? 5 : f >= Math.SQRT2 ? 2 : 1;
  return nice * power;
}

export interface LinearScale {
  /** Largest value of the axis (a multiple of the step, ≥ the data's maximum). */
  max: number;
  ticks: number[];
  /** Pixel position of a value, 0 at the bottom of the plot (y grows downwards in SVG). */
  y(value: number): number;
}

/**
 * A value axis from 0 to a round maximum over `height` pixels, with about `count` ticks; `integer`
 * keeps steps whole (for counts). With no data the axis goes from 0 to 1.
 */
export function linearScale(maxValue: number, height: number, count = 4, integer = false): LinearScale {
  if (!(maxValue > 0))
    return { max: 1, ticks: [0, 1], y: (v) => height - Math.min(Math.max(0, v), 1) * height };
  const step = integer ? Math.max(1, niceStep(maxValue, count)) : niceStep(maxValue, count);
  const max = Math.max(step, Math.ceil((maxValue || 0) / step) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { max, ticks, y: (value) => height - (Math.max(0, value) / max) * height };
}

export interface Bar {
  group: number;
  series: number;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

/**
 * Bars for grouped series (one group per category, one bar per series), filling `width` with a gap
 * of `gap` (a fraction of a group's width) between groups.
 */
export function groupedBars(
  values: number[][],
  width: number,
  height: number,
  scale: LinearScale,
  gap = 0.3,
): Bar[] {
  const groups = values.length;
  if (!groups) return [];
  const groupWidth = width / groups;
  const inner = groupWidth * (1 - gap);
  const bars: Bar[] = [];
  values.forEach((series, g) => {
    const barWidth = inner / Math.max(series.length, 1);
    series.forEach((value, s) => {
      const y = scale.y(value);
      bars.push({
        group: g,
        series: s,
        x: g * groupWidth + (groupWidth - inner) / 2 + s * barWidth,
        y,
        width: barWidth,
        height: height - y,
        value,
      });
    });
  });
  return bars;
}
