import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, openTestStore } from '../../test/databases.js';
import type { Store } from '../store/database.js';
import { createSettings, SettingsStore } from './settings-store.js';

for (const kind of DATABASES) {
  describe(`settings on ${kind}`, () => {
    let store: Store;
    afterEach(async () => store?.close());

    it('gives the defaults until a value is saved, and saving one key never touches the others', async () => {
      store = await openTestStore(kind);
      const settings = new SettingsStore(store.db);
      expect((await settings.snapshot()).choice('users_primaryidentity')).toBe('idnumber');
      await settings.save({ users_primaryidentity: 'username', enrols_defaultcmd: 'del', fileareacleanupdelay: '30' });
      await settings.save({ csvseparator: ',' });
      const snapshot = await settings.snapshot();
      expect(snapshot.choice('users_primaryidentity')).toBe('username');
      expect(snapshot.choice('enrols_defaultcmd')).toBe('del');
      expect(snapshot.int('fileareacleanupdelay')).toBe(30);
      expect(snapshot.choice('csvseparator')).toBe(',');
      await settings.reset(['csvseparator']);
      expect((await settings.snapshot()).choice('csvseparator')).toBe(';');
      expect((await settings.snapshot()).choice('users_primaryidentity')).toBe('username');
    });

    it('refuses an invalid value with a message naming the key and what is expected, saving nothing', async () => {
      store = await openTestStore(kind);
      const settings = new SettingsStore(store.db);
      expect.assertions(3);
      await expect(settings.save({ filecleanup: true, users_primaryidentity: 'shoe size' })).rejects.toMatchObject({
        code: 'SETTINGS_INVALID_VALUE',
        message: 'Setting "users_primaryidentity": "shoe size" is not valid; expected one of "id", "idnumber", "username", "email".',
      });
      expect((await settings.snapshot()).bool('filecleanup')).toBe(false);
      await expect(settings.save({ no_such_key: 1 })).rejects.toMatchObject({ code: 'SETTINGS_UNKNOWN_KEY' });
    });
  });
}

describe('setting values from a command line', () => {
  it('reads yes/no words for switches and numbers for integers', () => {
    const settings = createSettings({ filecleanup: 'yes', storereport: 'non', fileareacleanupdelay: '7' });
    expect(settings.bool('filecleanup')).toBe(true);
    expect(settings.bool('storereport')).toBe(false);
    expect(settings.int('fileareacleanupdelay')).toBe(7);
    expect(() => createSettings({ fileareacleanupdelay: '-1' })).toThrow(/a whole number from 0/);
    expect(() => createSettings({ filecleanup: 'maybe' })).toThrow(/yes or no/);
  });

  it('accepts "tab" for the tab separator', () => {
    expect(createSettings({ csvseparator: 'tab' }).choice('csvseparator')).toBe('\t');
  });
});
