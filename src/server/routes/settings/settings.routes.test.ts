import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES } from '../../../../test/databases.js';
import { adminAndViewer, openTestService, type TestService } from '../../../../test/service-kit.js';
import { SETTINGS } from '../../../settings/registry.js';

for (const kind of DATABASES) {
  describe(`settings and processors API on ${kind}`, () => {
    let test: TestService;
    afterEach(async () => test?.close());

    it('lists every setting in its group, with value, default, labels and help in both languages', async () => {
      test = await openTestService(kind);
      const { viewer } = await adminAndViewer(test);
      const response = await test.app.inject({ method: 'GET', url: '/api/v1/settings', headers: { cookie: viewer.cookie } });
      const { groups } = response.json() as { groups: { id: string; label: { en: string; fr: string }; settings: { key: string; help: { en: string; fr: string } }[] }[] };
      expect(groups.map((group) => group.id)).toEqual(['courses', 'users', 'enrols', 'userpictures', 'cohorts', 'groups', 'fileformat', 'postprocess', 'platform', 'service']);
      const keys = groups.flatMap((group) => group.settings.map((setting) => setting.key));
      expect(keys.sort()).toEqual(SETTINGS.map((setting) => setting.key).sort());
      for (const setting of groups.flatMap((group) => group.settings)) {
        expect(setting.help.en, setting.key).not.toBe('');
        expect(setting.help.fr, setting.key).not.toBe('');
      }
      const separator = groups.find((group) => group.id === 'fileformat')!.settings.find((setting) => setting.key === 'csvseparator');
      expect(separator).toMatchObject({ type: 'select', default: ';', value: ';', label: { en: expect.any(String), fr: expect.any(String) } });
      expect((separator as unknown as { allowed: { value: string }[] }).allowed.map((option) => option.value)).toEqual([';', ',', '\t']);
    });

    it('saves valid values only, all or nothing, naming each bad key; viewers may not', async () => {
      test = await openTestService(kind);
      const { admin, viewer } = await adminAndViewer(test);
      const bad = await test.app.inject({
        method: 'PATCH', url: '/api/v1/settings', headers: admin.headers,
        payload: { csvseparator: ',', fileareacleanupdelay: -3, users_primaryidentity: 'shoe size', nosuchkey: 1 },
      });
      expect(bad.statusCode).toBe(400);
      const message = bad.json().error.message as string;
      for (const key of ['fileareacleanupdelay', 'users_primaryidentity', 'nosuchkey']) expect(message).toContain(key);
      expect(message).not.toContain('csvseparator');
      expect((await test.service.engine.settings.snapshot()).choice('csvseparator')).toBe(';');
      const good = await test.app.inject({ method: 'PATCH', url: '/api/v1/settings', headers: admin.headers, payload: { csvseparator: ',', notify_users_to: 'ops@example.org' } });
      expect(good.statusCode).toBe(200);
      const settings = await test.service.engine.settings.snapshot();
      expect(settings.choice('csvseparator')).toBe(',');
      expect(settings.text('notify_users_to')).toBe('ops@example.org');
      expect(settings.choice('encoding')).toBe('UTF-8'); // keys not sent are untouched
      expect((await test.app.inject({ method: 'PATCH', url: '/api/v1/settings', headers: viewer.headers, payload: { csvseparator: ';' } })).statusCode).toBe(403);
    });

    it('lists the processor actions with their location setting and file', async () => {
      test = await openTestService(kind);
      const { viewer } = await adminAndViewer(test);
      const response = await test.app.inject({ method: 'GET', url: '/api/v1/processors', headers: { cookie: viewer.cookie } });
      expect(response.json()).toContainEqual({ name: 'users/add', processor: 'users', action: 'add', input: 'csv', locationSetting: 'users_filelocation', defaultFile: 'userimport.csv', settingsGroup: 'users' });
      // Picture archives are found by the prefix of their names.
      expect(response.json()).toContainEqual(expect.objectContaining({ name: 'userpictures/upload', input: 'archive', locationSetting: 'userpictures_fileprefix', defaultFile: 'userpictures_*.zip' }));
      expect(response.json()).toContainEqual(expect.objectContaining({ name: 'groups/members', defaultFile: 'groupmembers.csv' }));
    });
  });
}
