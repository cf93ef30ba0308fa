import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES } from '../../../../test/databases.js';
import { adminAndViewer, openTestService, type TestService } from '../../../../test/service-kit.js';

function multipartFiles(files: { name: string; content: string | Buffer }[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = 'filesboundary7';
  const parts = files.flatMap((file) => [
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: text/csv\r\n\r\n`),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from('\r\n'),
  ]);
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

for (const kind of DATABASES) {
  describe(`file area API on ${kind}`, () => {
    let test: TestService;
    afterEach(async () => test?.close());

    it('uploads, lists, previews, downloads, moves and deletes files', async () => {
      test = await openTestService(kind);
      const { admin, viewer } = await adminAndViewer(test);
      const { app } = test;
      const area = test.service.engine.folder.files;
      const upload = multipartFiles([{ name: 'users.csv', content: 'username;firstname\n# a comment\njdoe;Jöhn\n' }, { name: 'C:\\fakepath\\b.csv', content: 'x' }]);
      const uploaded = await app.inject({ method: 'POST', url: '/api/v1/files?path=incoming', headers: { ...admin.headers, ...upload.headers }, payload: upload.payload });
      expect(uploaded.statusCode).toBe(201);
      expect(uploaded.json()).toEqual({ files: [{ path: 'incoming/users.csv', size: 42 }, { path: 'incoming/b.csv', size: 1 }] });
      const root = await app.inject({ method: 'GET', url: '/api/v1/files', headers: { cookie: viewer.cookie } });
      expect(root.json()).toEqual({
        path: '',
        entries: [
          { name: 'archives', type: 'dir', size: 0, modified: expect.any(String) },
          { name: 'incoming', type: 'dir', size: 0, modified: expect.any(String) },
          { name: 'reports', type: 'dir', size: 0, modified: expect.any(String) },
        ],
      });
      const incoming = await app.inject({ method: 'GET', url: '/api/v1/files?path=incoming', headers: { cookie: viewer.cookie } });
      expect(incoming.json().entries.map((entry: { name: string }) => entry.name)).toEqual(['b.csv', 'users.csv']);
      const preview = await app.inject({ method: 'GET', url: '/api/v1/files/preview?path=incoming/users.csv', headers: { cookie: viewer.cookie } });
      expect(preview.json()).toEqual({ columns: ['username', 'firstname'], encoding: 'UTF-8', rows: [['jdoe', 'Jöhn']], lines: [3] });
      const download = await app.inject({ method: 'GET', url: '/api/v1/files/content?path=incoming/users.csv', headers: { cookie: viewer.cookie } });
      expect(download.body).toBe('username;firstname\n# a comment\njdoe;Jöhn\n');
      expect(download.headers['content-disposition']).toBe(`attachment; filename="users.csv"; filename*=UTF-8''users.csv`);
      const moved = await app.inject({ method: 'POST', url: '/api/v1/files/move', headers: admin.headers, payload: { from: 'incoming/users.csv', to: 'userimport.csv' } });
      expect(moved.json()).toEqual({ path: 'userimport.csv' });
      expect(existsSync(join(area, 'userimport.csv'))).toBe(true);
      const clash = await app.inject({ method: 'POST', url: '/api/v1/files/move', headers: admin.headers, payload: { from: 'incoming/b.csv', to: 'userimport.csv' } });
      expect(clash.json().error.code).toBe('SERVER_FILE_EXISTS');
      expect((await app.inject({ method: 'POST', url: '/api/v1/files/folder', headers: admin.headers, payload: { path: 'later/2026' } })).statusCode).toBe(201);
      expect(existsSync(join(area, 'later', '2026'))).toBe(true);
      expect((await app.inject({ method: 'DELETE', url: '/api/v1/files?path=incoming', headers: admin.headers })).statusCode).toBe(204);
      expect(existsSync(join(area, 'incoming'))).toBe(false);
      expect((await app.inject({ method: 'DELETE', url: '/api/v1/files?path=', headers: admin.headers })).json().error.code).toBe('SERVER_PATH');
      expect((await app.inject({ method: 'GET', url: '/api/v1/files/content?path=nothing.csv', headers: { cookie: viewer.cookie } })).statusCode).toBe(404);
    });

    it('lets viewers read the area but not change it', async () => {
      test = await openTestService(kind);
      const { viewer } = await adminAndViewer(test);
      const upload = multipartFiles([{ name: 'x.csv', content: 'x' }]);
      const denied = [
        await test.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...viewer.headers, ...upload.headers }, payload: upload.payload }),
        await test.app.inject({ method: 'POST', url: '/api/v1/files/move', headers: viewer.headers, payload: { from: 'reports', to: 'r' } }),
        await test.app.inject({ method: 'POST', url: '/api/v1/files/folder', headers: viewer.headers, payload: { path: 'f' } }),
        await test.app.inject({ method: 'DELETE', url: '/api/v1/files?path=reports', headers: viewer.headers }),
      ];
      expect(denied.map((response) => response.statusCode)).toEqual([403, 403, 403, 403]);
      expect(existsSync(join(test.service.engine.folder.files, 'x.csv'))).toBe(false);
    });

    it('confines every path to the file area: no "..", no absolute path, no link leading out', async () => {
      test = await openTestService(kind);
      const { admin } = await adminAndViewer(test);
      const { app } = test;
      const area = test.service.engine.folder.files;
      const outside = mkdtempSync(join(tmpdir(), 'tool-sync-outside-'));
      writeFileSync(join(outside, 'secret.txt'), 'secret');
      symlinkSync(outside, join(area, 'escape'));
      symlinkSync(join(outside, 'secret.txt'), join(area, 'secret-link.txt'));
      mkdirSync(join(area, 'inside'));
      writeFileSync(join(area, 'inside', 'ok.csv'), 'ok');
      symlinkSync(join(area, 'inside'), join(area, 'inner-link'));
      const bad = [
        await app.inject({ method: 'GET', url: '/api/v1/files?path=../', headers: { cookie: admin.cookie } }),
        await app.inject({ method: 'GET', url: '/api/v1/files/content?path=../store.sqlite', headers: { cookie: admin.cookie } }),
        await app.inject({ method: 'GET', url: '/api/v1/files/content?path=/etc/passwd', headers: { cookie: admin.cookie } }),
        await app.inject({ method: 'GET', url: '/api/v1/files/content?path=escape/secret.txt', headers: { cookie: admin.cookie } }),
        await app.inject({ method: 'GET', url: '/api/v1/files/content?path=secret-link.txt', headers: { cookie: admin.cookie } }),
        await app.inject({ method: 'GET', url: '/api/v1/files?path=escape', headers: { cookie: admin.cookie } }),
        await app.inject({ method: 'DELETE', url: '/api/v1/files?path=escape/secret.txt', headers: admin.headers }),
        await app.inject({ method: 'POST', url: '/api/v1/files/move', headers: admin.headers, payload: { from: 'inside/ok.csv', to: '../stolen.csv' } }),
        await app.inject({ method: 'POST', url: '/api/v1/files/move', headers: admin.headers, payload: { from: 'inside/ok.csv', to: 'escape/ok.csv' } }),
        await app.inject({ method: 'POST', url: '/api/v1/files/folder', headers: admin.headers, payload: { path: 'a/../../b' } }),
      ];
      for (const response of bad) expect(response.json().error.code, response.body).toBe('SERVER_PATH');
      const upload = multipartFiles([{ name: 'x.csv', content: 'x' }]);
      const escapeUpload = await app.inject({ method: 'POST', url: '/api/v1/files?path=escape', headers: { ...admin.headers, ...upload.headers }, payload: upload.payload });
      expect(escapeUpload.json().error.code).toBe('SERVER_PATH');
      const dotted = multipartFiles([{ name: '..', content: 'x' }]);
      expect((await app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...admin.headers, ...dotted.headers }, payload: dotted.payload })).json().error.code).toBe('SERVER_PATH');
      expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('secret');
      expect(existsSync(join(outside, 'x.csv'))).toBe(false);
      // Links that lead out are not listed; a link inside the area is.
      const listing = await app.inject({ method: 'GET', url: '/api/v1/files', headers: { cookie: admin.cookie } });
      expect(listing.json().entries.map((entry: { name: string }) => entry.name)).toEqual(['archives', 'inner-link', 'inside', 'reports']);
    });

    it('refuses a file over the upload limit with 413 and keeps no part of it', async () => {
      test = await openTestService(kind, { server: { uploadLimitBytes: 1024 } });
      const { admin } = await adminAndViewer(test);
      const upload = multipartFiles([{ name: 'big.csv', content: Buffer.alloc(4096, 'a') }]);
      const response = await test.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...admin.headers, ...upload.headers }, payload: upload.payload });
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('SERVER_UPLOAD_TOO_LARGE');
      const listing = await test.app.inject({ method: 'GET', url: '/api/v1/files', headers: { cookie: admin.cookie } });
      expect(listing.json().entries.map((entry: { name: string }) => entry.name)).toEqual(['archives', 'reports']);
      const { readdirSync } = await import('node:fs');
      expect(readdirSync(test.service.engine.folder.files)).toEqual(['archives', 'reports']);
      const small = multipartFiles([{ name: 'small.csv', content: Buffer.alloc(1000, 'a') }]);
      expect((await test.app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...admin.headers, ...small.headers }, payload: small.payload })).statusCode).toBe(201);
    });
  });
}
