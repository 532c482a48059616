import { readFileSync } from 'node:fs';

/** The machine's CPU time counters (Linux /proc/stat, all cores): total and stolen. */
type CpuTimes = { total: number; steal: number };

function cpuTimes(): CpuTimes | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user).
    return { total: fields.slice(0, 8).reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}

/**
 * Starts watching the share of CPU time the hypervisor gave to other virtual machines ("steal"):
 * on a shared cloud machine it slows every figure down, and no load average shows it. The
 * returned function gives the share since the start, or null where the system does not tell.
 */
export function watchCpuSteal(): () => number | null {
  const start = cpuTimes();
  return () => {
    const end = cpuTimes();
    if (!start || !end || end.total === start.total) return null;
    return (end.steal - start.steal) / (end.total - start.total);
  };
}
