import { launchChromium } from '../test/support/browser.ts';

export type FirstRender = { ms: number; renderer: string };

/**
 * Milliseconds from navigation to the map's first render with data (`atlas-ready`), in Chromium
 * (the median of three page loads, the first one with an empty browser cache), and the WebGL
 * renderer it ran on.
 */
export async function firstRender(base: string): Promise<FirstRender | null> {
  const browser = await launchChromium({ llvmpipe: true });
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${base}/?lang=en`);
      await page.evaluate(() => window.atlas.ready);
      times.push(await page.evaluate(() => performance.getEntriesByName('atlas-ready')[0]!.startTime));
      await page.close();
    }
    const page = await browser.newPage();
    const renderer = String(await page.evaluate(`(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl && gl.getExtension('WEBGL_debug_renderer_info');
      return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : 'unknown';
    })()`));
    return { ms: times.sort((a, b) => a - b)[1]!, renderer };
  } catch (error) {
    console.error('first render not measured:', error);
    return null;
  } finally {
    await browser.close();
  }
}
