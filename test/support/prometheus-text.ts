/** One sample of the Prometheus text exposition format: `name{label="value",…} value [timestamp]`. */
export type Sample = { name: string; labels: Record<string, string>; value: number };

export type Scrape = { samples: Sample[]; types: Map<string, string> };

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/y;

const unescape = (text: string) => text.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));

function labelsOf(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const match = LABEL.exec(text);
    if (!match) throw new Error(`not a label set: ${line}`);
    labels[match[1]!] = unescape(match[2]!);
  }
  return labels;
}

const numberOf = (text: string) => (text === '+Inf' ? Infinity : text === '-Inf' ? -Infinity : /^nan$/i.test(text) ? Number.NaN : Number(text));

/**
 * Parses a scrape as Prometheus reads it (exposition format 0.0.4): `# TYPE` lines, other
 * comments skipped, every other non-empty line a sample; a line that is none of these throws,
 * so a malformed answer fails the test as it would fail the scrape.
 */
export function parsePrometheusText(text: string): Scrape {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match || (Number.isNaN(numberOf(match[3]!)) && !/^nan$/i.test(match[3]!))) throw new Error(`not a sample: ${line}`);
    samples.push({ name: match[1]!, labels: match[2] ? labelsOf(match[2], line) : {}, value: numberOf(match[3]!) });
  }
  return { samples, types };
}

/** The value of the sample `name` whose labels include `labels`; undefined when there is none. */
export function valueOf(scrape: Scrape, name: string, labels: Record<string, string> = {}): number | undefined {
  return scrape.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}
