import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium, recordProblems } from '../support/browser.ts';
import { type AtlasServer, startAtlasServer } from './atlas-server.ts';

export const ARTIFACTS = 'test-results/screenshots';

/** What a test file's Chromium tests share: the sample Atlas, one browser, and the test's page. */
export type ChromiumSession = {
  server: AtlasServer;
  browser: Browser;
  /** The page the running test opened, closed after it. */
  page: Page | undefined;
  /** Page errors and console errors of the running test: each test must end with none. */
  problems: string[];
};

/** Starts the sample Atlas and Chromium for the enclosing file or `describe`, and checks each test left no problem. */
export function useChromiumSession(): ChromiumSession {
  const session: ChromiumSession = { server: undefined!, browser: undefined!, page: undefined, problems: [] };
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [session.server, session.browser] = await Promise.all([startAtlasServer(), launchChromium()]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  afterEach(async () => {
    await session.page?.close();
    session.page = undefined;
    const problems = session.problems;
    session.problems = [];
    expect(problems).toEqual([]);
  });
  return session;
}

/** The full app in a new page of the session (its first render awaited), the API of its server, and the wait for the latest change. */
export function atlasPages(session: ChromiumSession) {
  return {
    async open(path: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
      const page = (session.page = await session.browser.newPage({ viewport }));
      recordProblems(page, session.problems);
      await page.goto(`${session.server.url}${path}`);
      await page.evaluate(() => window.atlas.settled());
      return page;
    },
    api: async (path: string) => (await fetch(`${session.server.url}${path}`)).json(),
    settle: () => session.page!.evaluate(() => window.atlas.settled()),
  };
}
