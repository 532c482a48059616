import { launchChromium } from '../test/support/browser.ts';
import { type PageLoad, clientClusteringLoad, timePageLoads } from './client-clustering.ts';

export type FirstRender = {
  /** The Atlas: page load to its first render with data (`atlas-ready`), median of three. */
  ms: number;
  renderer: string;
  /** Bytes of the Atlas's API answers (style, tiles, lists, stats) in a first visit. */
  apiBytes?: number;
  /** The same for the client-side clustering peer (the whole registry as GeoJSON). */
  peer?: PageLoad | null;
};

/**
 * The Atlas's first render with data in Chromium and that of the client-side clustering peer
 * (see client-clustering.ts), on the same server, and the WebGL renderer they ran on.
 */
export async function firstRender(base: string): Promise<FirstRender | null> {
  const browser = await launchChromium({ llvmpipe: true });
  try {
    const atlas = await timePageLoads(browser, base, '/?lang=en', 'atlas-ready', 'window.atlas.ready');
    let peer: PageLoad | null = null;
    try {
      peer = await clientClusteringLoad(browser, base);
    } catch (error) {
      console.error('client-side clustering peer not measured:', error);
    }
    const page = await browser.newPage();
    const renderer = String(await page.evaluate(`(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl && gl.getExtension('WEBGL_debug_renderer_info');
      return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : 'unknown';
    })()`));
    return { ms: atlas.ms, apiBytes: atlas.apiBytes, renderer, peer };
  } catch (error) {
    console.error('first render not measured:', error);
    return null;
  } finally {
    await browser.close();
  }
}
