import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Keeps MapLibre's bottom controls and the map's own boxes apart. On a phone the attribution (at
 * the right) wraps across the whole width: the scale bar (at the left) is then lifted above it.
 * The height both take, whatever it is now, goes in the CSS variable `--bottom-controls` of
 * `host`, which the time slider sits above.
 */
export function trackBottomControls(map: MapLibreMap, host: HTMLElement): () => void {
  const corner = (name: string) => map.getContainer().querySelector<HTMLElement>(`.maplibregl-ctrl-${name}`);
  const left = corner('bottom-left');
  const right = corner('bottom-right');
  if (!left || !right) return () => {};
  const measure = () => {
    left.style.bottom = '0px';
    const share = left.getBoundingClientRect().right > right.getBoundingClientRect().left;
    left.style.bottom = share ? `${right.offsetHeight}px` : '0px';
    const height = share ? left.offsetHeight + right.offsetHeight : Math.max(left.offsetHeight, right.offsetHeight);
    host.style.setProperty('--bottom-controls', `${height}px`);
  };
  const observer = new ResizeObserver(measure);
  observer.observe(left);
  observer.observe(right);
  measure();
  return () => observer.disconnect();
}
