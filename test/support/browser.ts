import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from 'playwright-core';

/**
 * A browser test's time limit: WebGL renders in software on the CPU, which the other test files
 * running at the same time share.
 */
export const BROWSER_TEST_TIMEOUT = 90_000;

/**
 * WebGL in Mesa's llvmpipe (a multi-threaded software driver, package libgl1-mesa-dri) instead of
 * Chromium's own SwiftShader: several times faster, so closer to what a browser with a GPU shows.
 */
const LLVMPIPE = ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist'];

/**
 * Debian's Chromium, headless, with the flags that keep WebGL working and the network quiet;
 * `llvmpipe` renders with Mesa where it is installed (the benchmark), SwiftShader otherwise.
 */
export function launchChromium({ llvmpipe = false } = {}): Promise<Browser> {
  const mesa = llvmpipe && existsSync('/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(mesa ? LLVMPIPE : ['--disable-gpu', '--enable-unsafe-swiftshader']),
    ],
  });
}

/**
 * Records what goes wrong in a page: uncaught exceptions, console errors, failed requests and
 * anything the Content-Security-Policy blocked, in any frame.
 */
export function recordProblems(page: Page, problems: string[]): void {
  void page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} in ${event.sourceFile || location.href}`)));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // SwiftShader's performance notes are the software GPU talking, not the page.
    if (message.type() === 'error' && !/GL Driver Message/.test(message.text())) problems.push(message.text());
  });
  page.on('requestfailed', (request) => {
    // A request the page itself gave up (a list superseded by a newer view) is not a failure.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()}`);
  });
}
