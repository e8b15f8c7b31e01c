import * as fs from 'node:fs';

const TICK = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; 0 once it is gone. */
function processSeconds(stat: string): number {
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / TICK;
}

/** CPU seconds used so far, and by whom. */
export interface CpuSeconds {
  /** Process `pid` (the platform). */
  process: number;
  /** Every PostgreSQL process on the machine (its backends and its own processes). */
  postgres: number;
  /** This bench's own process. */
  bench: number;
  /** The whole machine (every core): the engine, the kernel and neighbours are the rest. */
  machine: number;
}

/** CPU seconds used so far: by process `pid`, by PostgreSQL, by this bench, and by the whole machine. */
export function cpuSeconds(pid: number | undefined): CpuSeconds {
  const read = (p: number | string) => {
    try {
      return fs.readFileSync(`/proc/${p}/stat`, 'utf8');
    } catch {
      return ''; // ended meanwhile
    }
  };
  let postgres = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(entry);
    if (stat.includes('(postgres)')) postgres += processSeconds(stat);
  }
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait
  const busy = cpu.slice(0, 8).reduce((a, b) => a + b, 0) - cpu[3]! - cpu[4]!;
  return {
    process: pid ? processSeconds(read(pid)) : 0,
    postgres,
    bench: processSeconds(read(process.pid)),
    machine: busy / TICK,
  };
}
