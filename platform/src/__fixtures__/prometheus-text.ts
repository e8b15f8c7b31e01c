/** One sample of a scrape: metric name, labels, value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|$)/y;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/**
 * Parses the Prometheus text exposition format (version 0.0.4) strictly: every line is empty, a
 * HELP, a TYPE or a sample; every sample belongs to a family declared by TYPE before it; names, labels and
 * values are well formed; each histogram's buckets never decrease and its +Inf bucket equals its
 * count. Throws naming the first line that breaks a rule.
 */
export function parsePrometheusText(text: string): Sample[] {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  text
    .slice(0, -1)
    .split('\n')
    .forEach((line, i) => {
      const fail = (why: string) => {
        throw new Error(`line ${i + 1} ${why}: ${line}`);
      };
      if (line === '') return; // empty lines are allowed between families
      if (line.startsWith('# HELP ')) {
        if (!NAME.test(line.slice(7).split(' ')[0]!)) fail('names a malformed metric');
        return;
      }
      if (line.startsWith('# TYPE ')) {
        const [name, type, ...rest] = line.slice(7).split(' ');
        if (!NAME.test(name!) || !TYPES.has(type!) || rest.length > 0) fail('is a malformed TYPE');
        if (types.has(name!)) fail('declares a family twice');
        types.set(name!, type!);
        return;
      }
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$/.exec(line);
      if (!m) return fail('is not a sample');
      const [, name, , labelText, valueText] = m;
      const labels: Record<string, string> = {};
      if (labelText) {
        LABEL.lastIndex = 0;
        while (LABEL.lastIndex < labelText.length) {
          const l = LABEL.exec(labelText);
          if (!l) fail('has malformed labels');
          if (labels[l![1]!] !== undefined) fail('repeats a label');
          labels[l![1]!] = l![2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
        }
      }
      // Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any letter case.
      const value = /^[+-]?inf(inity)?$/i.test(valueText!)
        ? (valueText!.startsWith('-') ? -1 : 1) * Infinity
        : /^nan$/i.test(valueText!)
          ? NaN
          : Number(valueText);
      if (!/^nan$/i.test(valueText!) && (Number.isNaN(value) || valueText === ''))
        fail('has a value that is not a number');
      const family = [name!, name!.replace(/_(bucket|sum|count|total|created)$/, '')].find((n) =>
        types.has(n),
      );
      if (!family) fail('belongs to no declared family');
      samples.push({ name: name!, labels, value });
    });
  checkHistograms(samples, types);
  return samples;
}

function checkHistograms(samples: Sample[], types: Map<string, string>): void {
  for (const [family, type] of types) {
    if (type !== 'histogram') continue;
    const series = new Map<string, { buckets: Array<[number, number]>; count?: number }>();
    const key = (labels: Record<string, string>) =>
      JSON.stringify(
        Object.entries(labels)
          .filter(([k]) => k !== 'le')
          .sort(),
      );
    for (const s of samples) {
      const k = key(s.labels);
      const entry = series.get(k) ?? series.set(k, { buckets: [] }).get(k)!;
      if (s.name === `${family}_bucket`) {
        const le = s.labels.le;
        if (le === undefined) throw new Error(`${family}_bucket without le`);
        entry.buckets.push([le === '+Inf' ? Infinity : Number(le), s.value]);
      } else if (s.name === `${family}_count`) entry.count = s.value;
    }
    for (const [k, { buckets, count }] of series) {
      if (buckets.length === 0) continue;
      buckets.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < buckets.length; i++)
        if (buckets[i]![1] < buckets[i - 1]![1]) throw new Error(`${family}${k}: buckets decrease`);
      const inf = buckets.at(-1)!;
      if (inf[0] !== Infinity || inf[1] !== count)
        throw new Error(`${family}${k}: +Inf bucket is not the count`);
    }
  }
}

/** The value of the one sample with this name and these labels (among others), or undefined. */
export function valueOf(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    ?.value;
}
