const SVG = 'http://www.w3.org/2000/svg';
const [WIDTH, HEIGHT, PAD] = [96, 24, 2];

/** A small line of a series (its own scale, from its minimum to its maximum), described for screen readers. */
export function sparkline(values: number[], description: string): SVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('width', String(WIDTH));
  svg.setAttribute('height', String(HEIGHT));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', description);
  svg.setAttribute('class', 'sparkline');
  const title = document.createElementNS(SVG, 'title');
  title.textContent = description;
  svg.append(title);
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const x = (i: number) => PAD + (values.length < 2 ? 0 : (i * (WIDTH - 2 * PAD)) / (values.length - 1));
  const y = (v: number) => HEIGHT - PAD - (max === min ? (HEIGHT - 2 * PAD) / 2 : ((v - min) * (HEIGHT - 2 * PAD)) / (max - min));
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', 'currentColor');
  line.setAttribute('stroke-width', '1.5');
  const end = document.createElementNS(SVG, 'circle');
  end.setAttribute('cx', x(values.length - 1).toFixed(1));
  end.setAttribute('cy', y(values.at(-1) ?? 0).toFixed(1));
  end.setAttribute('r', '2');
  end.setAttribute('fill', 'currentColor');
  svg.append(line, end);
  return svg;
}
