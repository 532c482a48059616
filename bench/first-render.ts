import { launchChromium } from '../test/support/browser.ts';

/** Milliseconds from navigation to the map's first render with data (`atlas-ready`), in Chromium. */
export async function firstRender(base: string): Promise<number | null> {
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${base}/?lang=en`);
      await page.evaluate(() => window.atlas.ready);
      times.push(await page.evaluate(() => performance.getEntriesByName('atlas-ready')[0]!.startTime));
      await page.close();
    }
    return times.sort((a, b) => a - b)[1]!;
  } catch (error) {
    console.error('first render not measured:', error);
    return null;
  } finally {
    await browser.close();
  }
}
