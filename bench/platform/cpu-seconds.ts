import * as fs from 'node:fs';

/** CPU seconds used so far: by process `pid` (user + system), and by the whole machine (every core). */
export function cpuSeconds(pid: number | undefined): { process: number; machine: number } {
  const tick = 100; // USER_HZ on Linux
  const stat = pid ? fs.readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait
  const busy = cpu.slice(0, 8).reduce((a, b) => a + b, 0) - cpu[3]! - cpu[4]!;
  return { process: (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / tick, machine: busy / tick };
}
