/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser). A missing Chromium
 * fails the test with the command that installs it: browser tests are never skipped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../helpers/spawn-server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'screenshots');

export interface Browser {
  context: BrowserContext;
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** The caller's locale when it is UTF-8, else C.UTF-8 (present on every Debian). */
function utf8Locale(): string {
  const current = process.env.LC_ALL || process.env.LC_CTYPE || process.env.LANG || '';
  return /utf-?8/i.test(current) ? current : 'C.UTF-8';
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium fonts-noto-cjk\` (.ci/run does), or set CHROMIUM_PATH. The browser tests are never skipped.`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwgk-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    // Under the C/POSIX locale (a bare CI shell has no LANG) Chromium names a download with a Chinese name "download".
    env: { ...process.env, LANG: utf8Locale(), LC_ALL: utf8Locale() },
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // Whatever the server's Content-Security-Policy blocks is a bug of ours: closing the browser fails then.
  const cspViolations: string[] = [];
  return {
    context,
    async newPage(viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      page.on('pageerror', (e) => console.error(`[browser] ${e.message}`));
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
      });
      return page;
    },
    async close() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
      if (cspViolations.length) throw new Error(`Content-Security-Policy violations:\n${cspViolations.join('\n')}`);
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
