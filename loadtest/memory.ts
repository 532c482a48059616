import { readFileSync } from 'node:fs';

export type RssSample = { second: number; mb: number };

/** The resident memory of process `pid` in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Samples a process's resident memory every second until `stop()`, which returns the samples. */
export function sampleRss(pid: number): { stop(): RssSample[] } {
  const started = Date.now();
  const samples: RssSample[] = [{ second: 0, mb: rssMb(pid) }];
  const timer = setInterval(() => samples.push({ second: Math.round((Date.now() - started) / 1000), mb: rssMb(pid) }), 1000);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

export type MemoryTrend = { at10: number; end: number; max: number; growth: number; slopePerMinute: number; flat: boolean };

/**
 * Whether memory stays flat after the first 10 s (the heap and caches warm up before): the mean
 * of the last 10 s against that of seconds 10-20, and the least-squares slope from 10 s on.
 * Flat: it grew by under 5 %.
 */
export function memoryTrend(samples: RssSample[]): MemoryTrend {
  const after = samples.filter((s) => s.second >= 10);
  const mean = (list: RssSample[]) => list.reduce((t, s) => t + s.mb, 0) / Math.max(list.length, 1);
  const last = after.at(-1)?.second ?? 10;
  const early = mean(after.filter((s) => s.second < 20));
  const late = mean(after.filter((s) => s.second > last - 10));
  const mx = mean(after.map((s) => ({ second: s.second, mb: s.second })));
  const my = mean(after);
  const sxy = after.reduce((t, s) => t + (s.second - mx) * (s.mb - my), 0);
  const sxx = after.reduce((t, s) => t + (s.second - mx) ** 2, 0);
  return {
    at10: after[0]?.mb ?? Number.NaN,
    end: samples.at(-1)?.mb ?? Number.NaN,
    max: Math.max(...samples.map((s) => s.mb)),
    growth: late - early,
    slopePerMinute: sxx ? (sxy / sxx) * 60 : 0,
    flat: late - early < early * 0.05,
  };
}
