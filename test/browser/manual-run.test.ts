import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EN } from '../../src/web/i18n/en.js';
import { FR } from '../../src/web/i18n/fr.js';
import { DATABASES } from '../databases.js';
import { HAS_CHROMIUM, openConsoleRig, screenshot, usersCsv, type ConsoleRig } from './console-harness.js';

/**
 * An administrator's day in the console, in a real chromium against the real service: a setting changed and kept,
 * files uploaded and previewed, a simulated run then a real run of an uploaded file with live progress, the
 * tryback file downloaded, the run history, and the whole console switched to French.
 */

const PASSWORD = 'correct horse 42';
/** Rows of the real run: enough for it to last a few seconds, so that its progress shows while it goes. */
const REAL_ROWS = 20_000;
const visible = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor({ state: 'visible', timeout: 15_000 });

/** The English messages a French page must not show (those that French words differently). */
const ENGLISH_ONLY = Object.entries(EN)
  .filter(([key, text]) => FR[key as keyof typeof EN] !== text && !text.includes('{') && text.length > 3)
  .map(([, text]) => text);

/** A link of the console's navigation. */
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true });

async function counter(page: Page, scope: string, label: string): Promise<string> {
  return (await page.locator(scope).locator('.counter', { hasText: label }).locator('dd').textContent()) ?? '';
}

for (const [index, kind] of DATABASES.entries()) {
  describe.skipIf(!HAS_CHROMIUM)(`settings, files and runs in the console (${kind})`, { timeout: 90_000 }, () => {
    const shots = index === 0;
    // The picture of a run in progress comes from PostgreSQL when there is one: on SQLite the run's synchronous
    // batches hold the service's event loop, so its progress reaches the page in a few bursts.
    const liveShot = kind === (DATABASES.includes('postgres') ? 'postgres' : 'sqlite');
    let rig: ConsoleRig;
    let page: Page;

    beforeAll(async () => {
      rig = await openConsoleRig(kind);
      const code = new URL(rig.setupUrl).searchParams.get('code');
      const created = await fetch(`${rig.url}/api/v1/setup`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code, username: 'admin', password: PASSWORD }),
      });
      expect(created.status).toBeLessThan(300);
      ({ page } = await rig.newPage());
      await page.goto('/');
      await page.getByLabel('Username', { exact: true }).fill('admin');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Runs' }).waitFor();
    }, 60_000);
    afterAll(() => rig?.close());

    it('changes settings, keeps them after a reload, and shows a bad value next to its field', async () => {
      await nav(page, 'Users').click();
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      await page.getByRole('button', { name: 'Run now' }).click();
      await visible(page, 'File userimport.csv not found in the command file area (setting users_filelocation).');
      await page.getByRole('button', { name: 'Help on “Allow renaming users”' }).click();
      await visible(page, /rename/i);

      await page.getByLabel('Allow renaming users', { exact: true }).selectOption('true');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await visible(page, '1 setting(s) saved.');
      await page.reload();
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      expect(await page.getByLabel('Allow renaming users', { exact: true }).inputValue()).toBe('true');

      await nav(page, 'Post-processing').click();
      const delay = page.locator('input[name="fileareacleanupdelay"]');
      await delay.fill('soon');
      await page.getByRole('button', { name: 'Save changes' }).click();
      expect(await page.locator('#setting-fileareacleanupdelay-error').textContent()).toBe('Expected a whole number.');
      expect(await delay.getAttribute('aria-invalid')).toBe('true');
      await delay.fill('30');
      await page.getByLabel('Store report file', { exact: true }).selectOption('true');
      await page.getByLabel('Tryback file', { exact: true }).selectOption('true');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await visible(page, '3 setting(s) saved.');
      expect(await page.locator('#setting-fileareacleanupdelay-error').count()).toBe(0);
      await page.reload();
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      expect(await delay.inputValue()).toBe('30');
      expect(await page.getByLabel('Tryback file', { exact: true }).inputValue()).toBe('true');
    });

    it('uploads files (picker and drag and drop), makes a folder, renames, deletes and previews a CSV', async () => {
      await nav(page, 'Files').click();
      await page.getByRole('heading', { name: 'Files' }).waitFor();
      await page.locator('input[type="file"][multiple]').setInputFiles([
        { name: 'userimport.csv', mimeType: 'text/csv', buffer: Buffer.from(usersCsv(25, 'sim')) },
        { name: 'draft.csv', mimeType: 'text/csv', buffer: Buffer.from('username\n') },
      ]);
      await visible(page, '2 file(s) uploaded.');
      await page.getByRole('button', { name: 'userimport.csv', exact: true }).waitFor();

      // Drag and drop: a real drop event carrying a file, as the browser fires it.
      await page.evaluate(`{
        const transfer = new DataTransfer();
        transfer.items.add(new File(['idnumber\\n'], 'dropped.csv', { type: 'text/csv' }));
        document.querySelector('.files-page').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }`);
      await visible(page, '1 file(s) uploaded.');
      await page.getByRole('button', { name: 'dropped.csv', exact: true }).waitFor();

      await page.getByRole('button', { name: 'New folder' }).click();
      await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('incoming');
      await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
      await page.getByRole('button', { name: 'incoming', exact: true }).waitFor();

      await page.getByRole('button', { name: 'Rename draft.csv' }).click();
      await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('draft/evil.csv');
      await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
      expect(await page.locator('#file-dialog-name-error').textContent()).toBe('A name without “/” or “\\” is expected.');
      await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('draft-2.csv');
      await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
      await page.getByRole('button', { name: 'draft-2.csv', exact: true }).waitFor();

      await page.getByRole('button', { name: 'Delete draft-2.csv' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await visible(page, '“draft-2.csv” deleted.');
      await page.getByRole('button', { name: 'draft-2.csv', exact: true }).waitFor({ state: 'detached' });

      await page.getByRole('button', { name: 'userimport.csv', exact: true }).click();
      const preview = page.locator('.preview');
      await preview.getByRole('columnheader', { name: 'email' }).waitFor();
      expect(await preview.getByRole('row').count()).toBe(27); // header + 25 users + the bad row
      expect(await preview.getByRole('row').nth(1).textContent()).toContain('sim1@example.edu');
      await screenshot(page, 'files', shots, { fullPage: true });
    });

    it('simulates the configured file, then runs an uploaded file for real with live progress', async () => {
      await nav(page, 'Users').click();
      await page.getByRole('heading', { name: 'Manual run' }).waitFor();
      expect(await page.getByLabel('Simulate without altering data', { exact: true }).isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Run now' }).click();
      const simulated = page.locator('.run-watch').first();
      await simulated.and(page.locator('[data-status^="succeeded"]')).waitFor({ timeout: 60_000 });
      expect(await simulated.locator('.badge-simulate').textContent()).toBe('Simulation');
      expect(await counter(page, '.run-watch', 'Rows read')).toBe('26');
      expect(await counter(page, '.run-watch', 'Errors')).toBe('1');
      const errorRow = simulated.locator('.run-errors tbody tr').first();
      expect(await errorRow.locator('td').nth(0).textContent()).toBe('12');
      expect(await errorRow.locator('td').nth(1).textContent()).toBe('email');
      expect(await errorRow.locator('td').nth(2).textContent()).toContain('not-an-email');

      const users = (await (await page.request.get('/api/v1/data/users')).json()) as { total: number };
      expect(users.total).toBe(0); // a simulation changes nothing

      await page.getByLabel('Simulate without altering data', { exact: true }).uncheck();
      await page.getByLabel('Upload a file', { exact: true }).check();
      await page.getByLabel('File to upload', { exact: true }).setInputFiles({ name: 'nightly-users.csv', mimeType: 'text/csv', buffer: Buffer.from(usersCsv(REAL_ROWS, 'real')) });
      await page.getByRole('button', { name: 'Run again' }).click();
      const real = page.locator('.run-watch').first();
      // A bar with a value: a progress event of this run reached the page while it went on.
      await real.locator('[role="progressbar"][aria-valuenow]').waitFor({ timeout: 30_000 });
      await screenshot(page, 'run-live', liveShot);
      await real.and(page.locator('[data-status^="succeeded"]')).waitFor({ timeout: 60_000 });
      expect(await real.locator('.badge-simulate').count()).toBe(0);
      expect(await real.locator('.run-input').textContent()).toContain('nightly-users.csv');
      expect(await counter(page, '.run-watch', 'Rows read')).toBe('20,001');
      expect(await counter(page, '.run-watch', 'Rows done')).toBe('20,000');
      expect(await counter(page, '.run-watch', 'Errors')).toBe('1');
      // The report's lines came through the event stream while the run went on.
      await real.getByRole('link', { name: 'Download the report' }).waitFor();
      const streamed = Number(/\((\d[\d,]*) lines\)/.exec((await real.locator('.run-log summary').textContent()) ?? '')?.[1]?.replace(/,/g, ''));
      expect(streamed).toBeGreaterThan(1);
      const created = (await (await page.request.get('/api/v1/data/users?q=real20000')).json()) as { total: number };
      expect(created.total).toBe(1);
      await screenshot(page, 'settings-users', shots, { fullPage: true });
    });

    it('downloads the tryback file of the real run, holding the rejected row', async () => {
      const real = page.locator('.run-watch').first();
      const [download] = await Promise.all([page.waitForEvent('download'), real.getByRole('link', { name: 'Download the tryback file' }).click()]);
      const path = await download.path();
      const { readFileSync } = await import('node:fs');
      const text = readFileSync(path, 'utf8');
      expect(text).toContain('username;firstname;lastname;email;idnumber');
      expect(text).toContain('realbad;Bad;Row;not-an-email;REALBAD');
      expect(text).not.toContain('real1;');
      expect(download.suggestedFilename()).toMatch(/tryback/);
    });

    it('lists both runs in the history, filters them, and opens a run', async () => {
      await nav(page, 'Runs').click();
      await page.getByRole('heading', { name: 'Runs' }).waitFor();
      await page.locator('.runs-table tbody tr').nth(1).waitFor();
      expect(await page.locator('.runs-table tbody tr').count()).toBe(2);
      await screenshot(page, 'runs', shots);

      await page.getByLabel('Status', { exact: true }).selectOption('failed');
      await visible(page, 'No run matches.');
      await page.getByRole('button', { name: 'Clear the filters' }).click();
      await page.locator('.runs-table tbody tr').nth(1).waitFor();
      const later = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10); // after today in any time zone
      await page.getByLabel('From', { exact: true }).fill(later);
      await visible(page, 'No run matches.');
      expect(new URL(page.url()).searchParams.get('from')).toBe(later);
      await page.getByRole('button', { name: 'Clear the filters' }).click();
      await page.locator('.runs-table tbody tr').nth(1).waitFor();

      await page.locator('.runs-table tbody tr').first().getByRole('link').first().click();
      await page.getByText('Real run').waitFor();
      expect(await counter(page, '.run-watch', 'Rows read')).toBe('20,001');
      await page.locator('.run-errors').waitFor();
      await page.getByText('Report', { exact: true }).click();
      await page.getByRole('log', { name: 'Report' }).getByText(/not-an-email/).waitFor();
      await screenshot(page, 'run-detail', shots, { fullPage: true });
    });

    it('reschedules a task (a bad cron expression named next to it), searches the data, and uses the utilities', async () => {
      await nav(page, 'Schedules').click();
      await page.getByRole('heading', { name: 'Schedules' }).waitFor();
      const cron = page.getByLabel('Cron expression of CSV users synchronisation', { exact: true });
      const row = page.getByRole('row').filter({ has: cron });
      await cron.fill('every night');
      await row.getByRole('button', { name: 'Save' }).click();
      await page.locator('#cron-users-error').waitFor();
      expect(await page.locator('#cron-users-error').textContent()).toContain('every night');
      await cron.fill('0 2 * * *');
      await row.getByRole('button', { name: 'Save' }).click();
      await row.getByRole('status').waitFor();
      await row.getByRole('switch').check();
      await page.reload();
      await cron.waitFor();
      expect(await cron.inputValue()).toBe('0 2 * * *');
      expect(await row.getByRole('switch').isChecked()).toBe(true);
      expect(await row.locator('.next-runs li').count()).toBe(3);
      expect(await row.locator('.next-runs li').first().textContent()).toMatch(/^in \d/);
      expect(await row.locator('.next-runs li').first().getAttribute('title')).toMatch(/02:00/);
      await screenshot(page, 'schedules', shots);

      await nav(page, 'Data').click();
      await page.getByLabel('Search Users', { exact: true }).fill('real12');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByRole('cell', { name: 'real12@example.edu' }).waitFor();
      await page.getByLabel('Search Users', { exact: true }).fill('');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await visible(page, /of 20,000/);
      await screenshot(page, 'data', shots);
      // "Next" asks for the rows after the last id shown (keyset paging), not for an offset.
      const [keyset] = await Promise.all([
        page.waitForRequest((request) => request.url().includes('/api/v1/data/users') && request.url().includes('after=')),
        page.getByRole('button', { name: /Next/ }).click(),
      ]);
      expect(new URL(keyset.url()).searchParams.get('after')).toBe('50');
      await page.getByRole('cell', { name: 'real51', exact: true }).waitFor();
      await visible(page, '51–100 of 20,000');

      await nav(page, 'Utilities').click();
      const ids = page.getByLabel('Course ids', { exact: true }).first();
      await ids.fill('12, twelve');
      await page.getByRole('button', { name: 'Generate the file' }).first().click();
      expect(await page.locator('#utility-delete-courses-error').textContent()).toBe('“twelve” is not a course id (a whole number).');
      await ids.fill('12, 13');
      await page.getByRole('button', { name: 'Generate the file' }).first().click();
      // The generator runs on the store: this site has no course 12 or 13, so nothing is written and it says so.
      await visible(page, 'No course has id 12, 13; nothing was written.');
      await page.getByRole('button', { name: 'Preview' }).click();
      await visible(page, /"applied": false/);
    });

    it('switches to French, remembers it for the account, and leaves no English on the page', async () => {
      await nav(page, 'Users').click();
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      await page.getByRole('button', { name: 'Français' }).click();
      await page.getByRole('heading', { name: 'Réglages' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Exécution manuelle' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await page.getByRole('button', { name: 'Aide sur « Autoriser le renommage »' }).waitFor();
      await screenshot(page, 'settings-users-fr', shots);

      for (const link of ['Utilisateurs', 'Fichiers', 'Exécutions', 'Planification', 'Comptes', 'Jetons d’API', 'Format des fichiers']) {
        await nav(page, link).click();
        await page.locator('h1').waitFor();
        await page.waitForLoadState('networkidle');
        const text = await page.locator('body').innerText();
        expect(ENGLISH_ONLY.filter((english) => text.includes(english)), link).toEqual([]);
      }

      await page.getByRole('button', { name: 'English' }).click();
      await nav(page, 'Input format').waitFor();
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
    });
  });
}
