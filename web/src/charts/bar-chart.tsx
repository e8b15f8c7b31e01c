import { groupedBars, linearScale } from './scale';

export interface BarChartProps {
  title: string;
  categories: string[];
  series: Array<{ name: string; values: number[]; className: string }>;
  /** How a value is written on the axis and in tooltips. */
  format(value: number): string;
  integer?: boolean;
  width?: number;
  height?: number;
}

const MARGIN = { top: 10, right: 10, bottom: 48, left: 64 };

/** A grouped bar chart in inline SVG, with its data also as a table for screen readers. */
export function BarChart({
  title,
  categories,
  series,
  format,
  integer,
  width = 640,
  height = 260,
}: BarChartProps) {
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const scale = linearScale(max, plotH, 4, integer);
  const values = categories.map((_, i) => series.map((s) => s.values[i] ?? 0));
  const bars = groupedBars(values, plotW, plotH, scale, 0.25);
  const groupW = categories.length ? plotW / categories.length : plotW;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={title}
        preserveAspectRatio="xMidYMid meet"
      >
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {scale.ticks.map((tick) => (
            <g key={tick} class="tick">
              <line x1={0} x2={plotW} y1={scale.y(tick)} y2={scale.y(tick)} />
              <text x={-6} y={scale.y(tick)} dy="0.32em" text-anchor="end">
                {format(tick)}
              </text>
            </g>
          ))}
          {bars.map((b) => (
            <rect
              key={`${b.group}-${b.series}`}
              class={series[b.series].className}
              x={b.x}
              y={b.y}
              width={Math.max(b.width - 1, 1)}
              height={b.height}
            >
              <title>
                {categories[b.group]} · {series[b.series].name}: {format(b.value)}
              </title>
            </rect>
          ))}
          {categories.map((c, i) => (
            <text key={c} class="category" x={i * groupW + groupW / 2} y={plotH + 16} text-anchor="middle">
              {c}
            </text>
          ))}
        </g>
      </svg>
      <ul class="chart-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.name}>
            <span class={`swatch ${s.className}`} /> {s.name}
          </li>
        ))}
      </ul>
      <details>
        <summary>{title}</summary>
        <table class="data">
          <thead>
            <tr>
              <th scope="col" />
              {series.map((s) => (
                <th scope="col" key={s.name}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((c, i) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                {series.map((s) => (
                  <td key={s.name}>{format(s.values[i] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
