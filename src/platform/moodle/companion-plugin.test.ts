import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATION_FUNCTIONS, WS_FUNCTIONS } from './ws-functions.js';

/** The companion plugin local_toolsync (moodle-plugin/): valid PHP, and what tool-sync calls is what it declares. */
const PLUGIN = resolve(import.meta.dirname, '../../../moodle-plugin/local_toolsync');

function phpFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? phpFiles(join(directory, entry.name)) : entry.name.endsWith('.php') ? [join(directory, entry.name)] : []);
}

/** db/services.php read by PHP itself: the plugin's functions (name → class, method) and the service's list. */
function services(): { functions: Record<string, { classname: string; methodname: string }>; service: string[] } {
  const script = `define('MOODLE_INTERNAL', 1); include '${join(PLUGIN, 'db/services.php')}';
    echo json_encode(['functions' => $functions, 'service' => $services['tool-sync']['functions']]);`;
  return JSON.parse(execFileSync('php', ['-r', script], { encoding: 'utf8' }));
}

describe('companion plugin local_toolsync', () => {
  const files = phpFiles(PLUGIN);

  it('finds its PHP files', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it.each(files.map((file) => [file.slice(PLUGIN.length + 1), file]))('%s passes php -l', (_name, file) => {
    expect(execFileSync('php', ['-l', file], { encoding: 'utf8' })).toContain('No syntax errors detected');
  });

  it('declares every plugin function tool-sync calls, each with its parameters, body and returns in its class', () => {
    const { functions } = services();
    const used = Object.entries(WS_FUNCTIONS).filter(([, fn]) => 'plugin' in fn).map(([name]) => name);
    expect(used.filter((name) => !functions[name])).toEqual([]);
    for (const [name, { classname, methodname }] of Object.entries(functions)) {
      const source = readFileSync(join(PLUGIN, 'classes', `${classname.replace(/^local_toolsync\\external\\/, 'external/')}.php`), 'utf8');
      for (const method of [methodname, `${methodname}_parameters`, `${methodname}_returns`]) {
        expect(source, `${name}: ${method}`).toMatch(new RegExp(`public static function ${method}\\(`));
      }
    }
  });

  it('puts every function tool-sync may call in its pre-built service', () => {
    const { service } = services();
    const needed = new Set(Object.values(OPERATION_FUNCTIONS).flat());
    expect([...needed].filter((name) => !service.includes(name))).toEqual([]);
  });
});
