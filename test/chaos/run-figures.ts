import { eventually } from '../e2e/platform/iplus-process';

/** mulberry32: a seeded generator, so a failing run can be replayed with CHAOS_SEED. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The `p` quantile (0..1) of `xs`: the nearest rank below. */
export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;

/** Polls /ready until 200; returns the time since `since`. */
export async function untilReady(url: string, since: number, timeoutMs: number): Promise<number> {
  await eventually(
    async () => ((await fetch(`${url}/ready`).catch(() => undefined))?.status === 200 ? true : undefined),
    timeoutMs,
    `${url}/ready`,
  );
  return Date.now() - since;
}

/** What a restart's log says about its start-up: engine start, platform listening, bring-up steps. */
export function restartPhases(log: string): Record<string, number> {
  const out: Record<string, number> = {};
  const engine = /Zeebe gateway on \S+ \(started in (\d+) ms\)/.exec(log);
  if (engine) out['engine start'] = Number(engine[1]);
  const listening = /listening in (\d+) ms/.exec(log);
  if (listening) out['platform listening'] = Number(listening[1]);
  const up = /engine side up[^{]*(\{.*\})/.exec(log);
  if (up) {
    const steps = (JSON.parse(up[1]!) as { msAfterStart?: Record<string, number> }).msAfterStart ?? {};
    for (const [name, ms] of Object.entries(steps)) out[`bring-up: ${name}`] = ms;
  }
  return out;
}

/** Each phase's p50 / max over the restarts, such as `engine start 800/2100 ms`. */
export function describePhases(phases: Array<Record<string, number>>): string {
  const names = [...new Set(phases.flatMap((p) => Object.keys(p)))];
  return names
    .map((n) => {
      const xs = phases.map((p) => p[n]).filter((x): x is number => x !== undefined);
      return `${n} ${pct(xs, 0.5)}/${Math.max(...xs)} ms`;
    })
    .join('; ');
}
