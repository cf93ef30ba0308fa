import { tmpdir } from 'node:os';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serve } from '../../src/server/serve.js';
import type { DatabaseKind } from '../../src/store/database.js';
import { openTestEngine } from '../databases.js';

/** Debian's chromium; CI installs it (`apt-get install chromium`). */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.warn(`Browser tests skipped: ${CHROMIUM} is absent (apt-get install chromium).`);

/**
 * Where the console's screenshots go: a folder of the test run, or with `TOOL_SYNC_SCREENSHOTS=docs` the README's
 * tour (so that an ordinary test run leaves the repository's files alone).
 */
export const SCREENSHOTS = process.env.TOOL_SYNC_SCREENSHOTS === 'docs'
  ? resolve(import.meta.dirname, '../../docs/screenshots')
  : resolve(tmpdir(), 'tool-sync-screenshots');

/** The real service on a temp data folder and a free port, with the console it serves, and a browser to drive it. */
export interface ConsoleRig {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The one-time link printed at start while no account exists. */
  readonly setupUrl: string;
  readonly dataDir: string;
  readonly browser: Browser;
  /** A fresh browser context (its own cookies) with a 1280×800 window, its downloads accepted. */
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  /** Closes everything; fails when a page reported a Content-Security-Policy violation (the console broke its own policy). */
  close(): Promise<void>;
}

/** The built console the service serves (`npm run build`, which `npm test` runs first). */
const BUILT_CONSOLE = resolve(import.meta.dirname, '../../dist/web/index.html');

export async function openConsoleRig(kind: DatabaseKind): Promise<ConsoleRig> {
  if (!existsSync(BUILT_CONSOLE)) throw new Error(`${BUILT_CONSOLE} is missing: build the console first (npm run build).`);
  const engine = await openTestEngine(kind);
  const service = await serve(engine, { port: 0, host: '127.0.0.1', log: false });
  const url = service.url.replace('localhost', '127.0.0.1');
  if (!service.setupUrl) throw new Error('the service gave no setup link at start, though no account exists');
  const code = new URL(service.setupUrl).searchParams.get('code');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const violations: string[] = [];
  return {
    url,
    setupUrl: `${url}/setup?code=${code}`,
    dataDir: engine.folder.root,
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, locale: 'en-GB', baseURL: url });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().includes('Content Security Policy')) violations.push(`${page.url()}: ${message.text()}`);
      });
      return { context, page };
    },
    async close() {
      await browser.close();
      await service.close();
      await engine.close();
      if (violations.length) throw new Error(`the console broke its Content-Security-Policy:\n${violations.join('\n')}`);
    },
  };
}

/** Saves a screenshot of the page for the README (only from the first database's run, so that each is taken once). */
export async function screenshot(page: Page, name: string, take: boolean, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!take) return;
  await page.evaluate('document.fonts.ready');
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? false });
}

/** A users file of `count` valid rows, with one row whose e-mail is wrong after the first ten when `withError`. */
export function usersCsv(count: number, prefix: string, withError = true): string {
  const lines = ['username;firstname;lastname;email;idnumber'];
  for (let index = 1; index <= count; index++) {
    lines.push(`${prefix}${index};Anne;Martin${index};${prefix}${index}@example.edu;${prefix.toUpperCase()}${index}`);
    if (withError && index === 10) lines.push(`${prefix}bad;Bad;Row;not-an-email;${prefix.toUpperCase()}BAD`);
  }
  return `${lines.join('\n')}\n`;
}
