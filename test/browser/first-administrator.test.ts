import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../databases.js';
import { HAS_CHROMIUM, openConsoleRig, screenshot, type ConsoleRig } from './console-harness.js';

/**
 * The console's doors, in a real chromium against the real service: the first administrator's page reached by the
 * link printed at start, log-in and log-out, accounts and API tokens, and what a viewer may not touch.
 */

const visible = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor({ state: 'visible', timeout: 10_000 });

for (const [index, kind] of DATABASES.entries()) {
  describe.skipIf(!HAS_CHROMIUM)(`first administrator, log-in, accounts and tokens (${kind})`, { timeout: 60_000 }, () => {
    const shots = index === 0;
    let rig: ConsoleRig;
    let page: Page;

    beforeAll(async () => {
      rig = await openConsoleRig(kind);
      ({ page } = await rig.newPage());
    }, 60_000);
    afterAll(() => rig?.close());

    it('creates the first administrator from the setup link, after showing each bad field', async () => {
      await page.goto(rig.setupUrl);
      await page.getByRole('heading', { name: 'Create the first administrator' }).waitFor();
      expect(await page.getByLabel('Set-up code', { exact: true }).inputValue()).toBe(new URL(rig.setupUrl).searchParams.get('code'));
      await screenshot(page, 'setup', shots);

      await page.getByLabel('Password', { exact: true }).fill('short');
      await page.getByLabel('Confirm the password', { exact: true }).fill('other');
      await page.getByRole('button', { name: 'Create the administrator' }).click();
      expect(await page.locator('#setup-password-error').textContent()).toBe('At least 10 characters are needed.');
      expect(await page.locator('#setup-confirm-error').textContent()).toBe('The two passwords differ.');

      await page.getByLabel('Set-up code', { exact: true }).fill('not-the-code');
      await page.getByLabel('Password', { exact: true }).fill('correct horse 42');
      await page.getByLabel('Confirm the password', { exact: true }).fill('correct horse 42');
      await page.getByRole('button', { name: 'Create the administrator' }).click();
      await page.locator('#setup-code-error').waitFor();
      expect(await page.locator('#setup-code-error').textContent()).toContain('not the one the service printed');

      await page.getByLabel('Set-up code', { exact: true }).fill(new URL(rig.setupUrl).searchParams.get('code')!);
      await page.getByRole('button', { name: 'Create the administrator' }).click();
      await page.getByRole('heading', { name: 'Runs' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/runs');
      expect(await page.locator('.account-name').textContent()).toBe('admin');
    });

    it('answers 410 to a second setup and no longer shows the setup page', async () => {
      const response = await fetch(`${rig.url}/api/v1/setup`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: 'anything', username: 'intruder', password: 'intruder-password' }),
      });
      expect(response.status).toBe(410);
    });

    it('logs out, refuses a wrong password, and logs in again', async () => {
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Log in' }).waitFor(); // the session is gone on the server too

      await page.getByLabel('Username', { exact: true }).fill('admin');
      await page.getByLabel('Password', { exact: true }).fill('wrong password');
      await page.getByRole('button', { name: 'Log in' }).click();
      await visible(page, 'Wrong username or password.');
      await page.getByLabel('Password', { exact: true }).fill('');
      await screenshot(page, 'login', shots);

      await page.getByLabel('Password', { exact: true }).fill('correct horse 42');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Runs' }).waitFor();
    });

    it('creates a viewer account', async () => {
      await page.getByRole('link', { name: 'Accounts' }).click();
      await page.getByRole('heading', { name: 'Accounts' }).waitFor();
      await page.getByRole('button', { name: 'New account' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Username', { exact: true }).fill('marie');
      await dialog.getByLabel('Password', { exact: true }).fill('short');
      await dialog.getByRole('button', { name: 'Create' }).click();
      expect(await dialog.locator('#account-password-error').textContent()).toBe('At least 10 characters are needed.');
      await dialog.getByLabel('Password', { exact: true }).fill('viewer password 7');
      await dialog.getByLabel('Language', { exact: true }).selectOption('fr');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await visible(page, 'Account “marie” created.');
      const row = page.getByRole('row', { name: /marie/ });
      expect(await row.textContent()).toContain('Viewer');
      expect(await row.textContent()).toContain('Français');
      await screenshot(page, 'accounts', shots);
    });

    it('creates an API token whose secret is shown once and works, then revokes it', async () => {
      await page.getByRole('link', { name: 'API tokens' }).click();
      await page.getByRole('button', { name: 'New token' }).click();
      await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('nightly SIS export');
      await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
      const secret = await page.getByLabel('Secret of the token', { exact: true }).inputValue();
      expect(secret.length).toBeGreaterThan(20);
      await screenshot(page, 'tokens', shots);

      const withToken = await fetch(`${rig.url}/api/v1/runs`, { headers: { Authorization: `Bearer ${secret}` } });
      expect(withToken.status).toBe(200);

      await page.reload();
      await page.getByRole('row', { name: /nightly SIS export/ }).waitFor();
      expect(await page.getByLabel('Secret of the token', { exact: true }).count()).toBe(0);
      expect(await page.content()).not.toContain(secret);

      await page.getByRole('row', { name: /nightly SIS export/ }).getByRole('button', { name: 'Revoke' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
      await visible(page, 'Token “nightly SIS export” revoked.');
      const revoked = await fetch(`${rig.url}/api/v1/runs`, { headers: { Authorization: `Bearer ${secret}` } });
      expect(revoked.status).toBe(401);
    });

    it('shows a viewer no write control, in the language of the account', async () => {
      const { context, page: viewer } = await rig.newPage();
      await viewer.goto('/');
      await viewer.getByLabel('Username', { exact: true }).fill('marie');
      await viewer.getByLabel('Password', { exact: true }).fill('viewer password 7');
      await viewer.getByRole('button', { name: 'Log in' }).click();
      await viewer.getByRole('heading', { name: 'Exécutions' }).waitFor();

      await viewer.getByRole('link', { name: 'Utilisateurs', exact: true }).click();
      await viewer.getByRole('heading', { name: 'Réglages' }).waitFor();
      expect(await viewer.getByRole('button', { name: /Exécuter/ }).count()).toBe(0);
      expect(await viewer.getByRole('button', { name: 'Enregistrer les modifications' }).count()).toBe(0);
      const inputs = viewer.locator('.settings-form select, .settings-form input');
      expect(await inputs.count()).toBeGreaterThan(5);
      for (const input of await inputs.all()) expect(await input.isDisabled()).toBe(true);
      expect(await viewer.getByRole('link', { name: 'Comptes' }).count()).toBe(0);

      await viewer.getByRole('link', { name: 'Fichiers', exact: true }).click();
      await viewer.getByRole('heading', { name: 'Fichiers' }).waitFor();
      expect(await viewer.getByRole('button', { name: /Déposer|Nouveau dossier|Renommer|Supprimer/ }).count()).toBe(0);
      await context.close();
    });
  });
}
