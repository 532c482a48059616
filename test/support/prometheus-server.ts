import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

const PROMETHEUS = '/usr/bin/prometheus';

/** Debian's `prometheus` package (installed by .ci/run). */
export const prometheusAvailable = existsSync(PROMETHEUS);

/** One scrape job, as an operator would write it in prometheus.yml. */
export type ScrapeJob = { name: string; target: string; path: string; bearer?: string };

/** An instant vector's samples, as `/api/v1/query` gives them. */
export type Sample = { metric: Record<string, string>; value: [number, string] };

export type PrometheusServer = {
  /** Runs a PromQL query now and gives its samples. */
  query(promql: string): Promise<Sample[]>;
  /** Queries until `done` accepts the samples (Prometheus scrapes on its own clock), or throws. */
  until(promql: string, done: (samples: Sample[]) => boolean, timeoutMs?: number): Promise<Sample[]>;
  stop(): Promise<void>;
};

function configOf(jobs: ScrapeJob[]): string {
  // JSON is YAML: each value is quoted, so a token or a path cannot break the file.
  return JSON.stringify({
    global: { scrape_interval: '1s', scrape_timeout: '900ms' },
    scrape_configs: jobs.map((job) => ({
      job_name: job.name,
      metrics_path: job.path,
      ...(job.bearer ? { authorization: { type: 'Bearer', credentials: job.bearer } } : {}),
      static_configs: [{ targets: [job.target] }],
    })),
  });
}

/** A real Prometheus server on a free loopback port, scraping `jobs` every second, with its data in a temporary directory. */
export async function startPrometheus(jobs: ScrapeJob[]): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, configOf(jobs));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(PROMETHEUS, [
    `--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });

  const query = async (promql: string): Promise<Sample[]> => {
    const answer = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await answer.json()) as { status: string; error?: string; data: { result: Sample[] } };
    if (body.status !== 'success') throw new Error(`Prometheus refused ${promql}: ${body.error}`);
    return body.data.result;
  };
  const until = async (promql: string, done: (samples: Sample[]) => boolean, timeoutMs = 20_000) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const samples = await query(promql).catch(() => null);
      if (samples && done(samples)) return samples;
      if (child.exitCode !== null) throw new Error(`Prometheus exited (${child.exitCode}): ${stderr}`);
      if (Date.now() > end) throw new Error(`Prometheus never gave what was awaited for ${promql}: ${JSON.stringify(samples)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await until('vector(1)', (samples) => samples.length === 1);
  } catch (error) {
    await stop();
    throw error;
  }
  return { query, until, stop };
}
