import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md's "may import" table, enforced: each layer lists the layers of ours it may import (errors.ts is
 * open to all), and the outside modules it must not import. Tests and test helpers are not checked.
 */
const LAYERS: Record<string, { mayImport: readonly string[]; forbidden?: RegExp }> = {
  csv: { mayImport: [] },
  store: { mayImport: [] },
  settings: { mayImport: ['store'], forbidden: /^kysely$|^pg$|^better-sqlite3$/ },
  platform: { mayImport: ['store'] },
  processors: { mayImport: ['csv', 'platform', 'settings'], forbidden: /^node:fs|^kysely$|^pg$|^better-sqlite3$|^node:http|^fastify/ },
  engine: { mayImport: ['csv', 'settings', 'store', 'platform', 'processors'], forbidden: /^kysely$|^pg$|^better-sqlite3$/ },
  server: { mayImport: ['engine', 'settings', 'store'], forbidden: /^kysely$|^pg$|^better-sqlite3$/ },
  cli: { mayImport: ['engine', 'settings', 'store', 'server'], forbidden: /^kysely$|^pg$|^better-sqlite3$/ },
  // The console runs in the browser and knows the service only through the HTTP API.
  web: { mayImport: [], forbidden: /^node:|^kysely$|^pg$|^better-sqlite3$|^fastify/ },
};

const SRC = resolve(import.meta.dirname);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((match) => match[1]!);
}

/** The layer of a file: its first folder under src/ (`errors.ts` and `architecture` files have none). */
function layerOf(file: string): string | null {
  const [first, second] = relative(SRC, file).split('/');
  return second === undefined ? null : first!;
}

describe('layer boundaries of DESIGN.md', () => {
  const files = sourceFiles(SRC);

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  for (const file of files) {
    const layer = layerOf(file);
    const name = relative(SRC, file);
    it(`${name} imports only what its layer may`, () => {
      const violations: string[] = [];
      for (const specifier of importsOf(file)) {
        if (specifier.startsWith('.')) {
          const target = resolve(dirname(file), specifier);
          const targetLayer = layerOf(target);
          if (layer === null) {
            if (relative(SRC, target) !== 'errors.js') violations.push(specifier);
            continue;
          }
          if (targetLayer === null || targetLayer === layer) continue;
          if (!LAYERS[layer]!.mayImport.includes(targetLayer)) violations.push(specifier);
          // Only the embedded platform reaches into the store; the port and Moodle stay database-free.
          if (layer === 'platform' && targetLayer === 'store' && !name.startsWith('platform/embedded/')) violations.push(specifier);
          // A processor talks to the port only, never to an implementation.
          if (layer === 'processors' && /platform\/(embedded|moodle)\//.test(relative(SRC, target))) violations.push(specifier);
        } else if (layer !== null) {
          const forbidden = LAYERS[layer]!.forbidden;
          if (forbidden?.test(specifier)) violations.push(specifier);
          // Database drivers and Kysely: the embedded platform only; the port and Moodle stay database-free.
          if (layer === 'platform' && /^kysely$|^pg$|^better-sqlite3$/.test(specifier) && !name.startsWith('platform/embedded/')) {
            violations.push(specifier);
          }
        } else if (!specifier.startsWith('node:')) {
          violations.push(specifier); // errors.ts imports nothing
        }
      }
      expect(violations).toEqual([]);
    });
  }
});
