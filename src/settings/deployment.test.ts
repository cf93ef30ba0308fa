import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDeployment } from './deployment.js';

const configFile = (content: object | string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'tool-sync-config-')), 'tool-sync.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('deployment configuration', () => {
  it('takes flags over the environment over the config file over the defaults', () => {
    const file = configFile({ dataDir: '/srv/file', port: 9000, host: '0.0.0.0', databaseUrl: 'postgres://file/db' });
    const env = { TOOL_SYNC_CONFIG: file, TOOL_SYNC_DATA: '/srv/env', TOOL_SYNC_DB: '' };
    expect(loadDeployment({}, env)).toEqual({ dataDir: '/srv/env', port: 9000, host: '0.0.0.0', databaseUrl: 'postgres://file/db' });
    expect(loadDeployment({ dataDir: '/srv/flag' }, env).dataDir).toBe('/srv/flag');
    expect(loadDeployment({}, { TOOL_SYNC_CONFIG: configFile({}) })).toEqual({ dataDir: './data', port: 8080, host: '127.0.0.1' });
  });

  it('names the source and the key of a bad value', () => {
    expect(() => loadDeployment({}, { TOOL_SYNC_CONFIG: configFile({}), TOOL_SYNC_PORT: 'eighty' })).toThrow(
      'Deployment configuration environment is not valid: port: Invalid input: expected number, received NaN',
    );
    const file = configFile({ smtpUrl: 'mail.example.org', colour: 'blue' });
    expect(() => loadDeployment({}, { TOOL_SYNC_CONFIG: file })).toThrow(/is not valid: .*colour/);
    expect(() => loadDeployment({}, { TOOL_SYNC_CONFIG: configFile('{ not json') })).toThrow(/is not valid: .*JSON/);
    expect(() => loadDeployment({}, { TOOL_SYNC_CONFIG: '/nonexistent/tool-sync.json' })).toThrow(/file not found/);
  });
});
