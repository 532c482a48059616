import { type Browser, type Page, chromium } from 'playwright-core';

/** Debian's Chromium, headless, with the flags that keep WebGL working and the network quiet. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-unsafe-swiftshader',
    ],
  });
}

/** Records what goes wrong in a page: uncaught exceptions, console errors and failed requests. */
export function recordProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // SwiftShader's performance notes are the software GPU talking, not the page.
    if (message.type() === 'error' && !/GL Driver Message/.test(message.text())) problems.push(message.text());
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
}
