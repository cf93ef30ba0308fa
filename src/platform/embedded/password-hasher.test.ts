import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PasswordHasher } from './password-hasher.js';
import { sha512Crypt } from './sha512-crypt.js';

const HASH = /^\$6\$rounds=10000\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/;

/** The salt and rounds of a stored hash: `$6$rounds=10000$<salt>`. */
const settingOf = (hash: string): string => hash.slice(0, hash.lastIndexOf('$'));

describe('PasswordHasher (from the TypeScript sources)', () => {
  const hashers: PasswordHasher[] = [];
  const hasher = (threads?: number): PasswordHasher => {
    const created = new PasswordHasher(threads === undefined ? {} : { threads });
    hashers.push(created);
    return created;
  };
  afterEach(async () => {
    await Promise.all(hashers.splice(0).map((h) => h.close()));
  });

  it('hashes as sha512Crypt does with a fresh Moodle setting, and verifies', async () => {
    const h = hasher();
    const stored = await h.hash('Pässwörd!');
    expect(stored).toMatch(HASH);
    expect(sha512Crypt('Pässwörd!', settingOf(stored))).toBe(stored);
    expect(await h.hash('Pässwörd!')).not.toBe(stored);
    expect(await h.verify('Pässwörd!', stored)).toBe(true);
    expect(await h.verify('Passwörd!', stored)).toBe(false);
    expect(await h.verify('Pässwörd!', '*NOPASS*')).toBe(false);
    expect(await h.verify('Pässwörd!', '')).toBe(false);
  });

  it('verifies a hash made on the main thread with a known vector', async () => {
    const vector = '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.';
    const h = hasher(1);
    expect(await h.verify('Hello world!', vector)).toBe(true);
    expect(await h.verify('Hello world?', vector)).toBe(false);
  });

  it('keeps the order in hashMany and verifyMany over 50 items', async () => {
    const h = hasher(2);
    const passwords = Array.from({ length: 50 }, (_, i) => `password-${i}`);
    const hashes = await h.hashMany(passwords);
    expect(hashes).toHaveLength(50);
    hashes.forEach((stored, i) => {
      expect(stored).toMatch(HASH);
      expect(sha512Crypt(passwords[i]!, settingOf(stored))).toBe(stored);
    });
    // Every other item pairs a password with its neighbour's hash: the answers must alternate.
    const items = passwords.map((password, i) => ({ password, hash: hashes[i % 2 === 0 ? i : i - 1]! }));
    expect(await h.verifyMany(items)).toEqual(passwords.map((_, i) => i % 2 === 0));
    expect(await h.hashMany([])).toEqual([]);
    expect(await h.verifyMany([])).toEqual([]);
  });

  it('rejects a call whose work fails in the worker, and keeps working', async () => {
    const h = hasher(1);
    await expect(h.hash(42 as unknown as string)).rejects.toThrow(/password hashing failed in a worker: .*must be strings/);
    await expect(h.hash(Symbol('x') as unknown as string)).rejects.toThrow(/cannot send the work to a worker/);
    expect(await h.hash('still fine')).toMatch(HASH);
  });

  it('rejects pending calls when a worker crashes or exits, then replaces it', async () => {
    class Crashing extends PasswordHasher {
      spawned = 0;
      protected override workerSource(): string {
        this.spawned++;
        if (this.spawned === 1) return `throw new Error('boom at start');`;
        if (this.spawned === 2) return `require('node:worker_threads').parentPort.on('message', () => process.exit(7));`;
        return super.workerSource();
      }
    }
    const h = new Crashing({ threads: 1 });
    hashers.push(h);
    await expect(h.hash('a')).rejects.toThrow(/password hashing worker failed: boom at start/);
    await expect(h.verify('a', '*NOPASS*')).rejects.toThrow(/password hashing worker exited unexpectedly with code 7/);
    expect(await h.hash('a')).toMatch(HASH);
    expect(h.spawned).toBe(3);
  });

  it('fails every job of a batch on a broken worker program instead of hanging', async () => {
    class Broken extends PasswordHasher {
      protected override workerSource(): string {
        return 'process.exit(3)';
      }
    }
    const h = new Broken({ threads: 2 });
    hashers.push(h);
    await expect(h.hashMany(Array.from({ length: 20 }, (_, i) => `p${i}`))).rejects.toThrow(/exited unexpectedly with code 3/);
  });

  it('close() is idempotent, fails pending work, and later calls reject', async () => {
    const h = hasher(1);
    const pending = h.hashMany(['a', 'b', 'c']);
    const closing = h.close();
    await expect(pending).rejects.toThrow(/closed before the work was done/);
    await closing;
    await h.close();
    await expect(h.hash('a')).rejects.toThrow(/PasswordHasher is closed/);
  });

  it('refuses a thread count that is not a positive integer', () => {
    expect(() => new PasswordHasher({ threads: 0 })).toThrow(RangeError);
    expect(() => new PasswordHasher({ threads: 1.5 })).toThrow(RangeError);
  });
});

/**
 * The same module compiled as `npm run build` compiles it (the project's tsconfig, emitted JavaScript run by
 * plain node), into a folder of its own so that the test does not depend on the state of dist/.
 */
describe('PasswordHasher (compiled, under plain node)', () => {
  const root = resolve(import.meta.dirname, '../../..');
  let dir = '';
  let moduleUrl = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tool-sync-hasher-'));
    const out = join(dir, 'out');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: join(root, 'tsconfig.json'),
        compilerOptions: {
          rootDir: import.meta.dirname,
          outDir: out,
          typeRoots: [join(root, 'node_modules/@types')],
          noEmit: false,
          declaration: false,
          sourceMap: false,
        },
        files: [join(import.meta.dirname, 'password-hasher.ts'), join(import.meta.dirname, 'sha512-crypt.ts')],
        include: [],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    expect(tsc.status, `${tsc.stdout}${tsc.stderr}`).toBe(0);
    writeFileSync(join(out, 'package.json'), '{"type":"module"}');
    moduleUrl = pathToFileURL(join(out, 'password-hasher.js')).href;
  }, 60_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `node -e script` and resolves when it ends by itself; kills it after `limitMs`. */
  function runNode(script: string, limitMs: number): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
    return new Promise((done) => {
      const started = Date.now();
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
      child.on('close', (code) => {
        clearTimeout(timer);
        done({ code, stdout, stderr, ms: Date.now() - started });
      });
    });
  }

  it('hashes, verifies and closes', async () => {
    const script = `
      const { PasswordHasher } = await import(${JSON.stringify(moduleUrl)});
      const hasher = new PasswordHasher({ threads: 2 });
      const hashes = await hasher.hashMany(['alpha', 'beta', 'gamma']);
      const checks = await hasher.verifyMany([{ password: 'alpha', hash: hashes[0] }, { password: 'alpha', hash: hashes[1] }]);
      await hasher.close();
      console.log(JSON.stringify({ hashes, checks }));`;
    const result = await runNode(script, 20_000);
    expect(result.code, result.stderr).toBe(0);
    const { hashes, checks } = JSON.parse(result.stdout) as { hashes: string[]; checks: boolean[] };
    expect(hashes.map((stored, i) => sha512Crypt(['alpha', 'beta', 'gamma'][i]!, settingOf(stored)))).toEqual(hashes);
    expect(checks).toEqual([true, false]);
  });

  it('lets the process exit by itself after a hash, without close()', async () => {
    const script = `
      const { PasswordHasher } = await import(${JSON.stringify(moduleUrl)});
      console.log(await new PasswordHasher().hash('no close'));`;
    const result = await runNode(script, 10_000);
    expect(result.code, result.stderr).toBe(0);
    expect(result.ms).toBeLessThan(5_000);
    const stored = result.stdout.trim();
    expect(stored).toMatch(HASH);
    expect(sha512Crypt('no close', settingOf(stored))).toBe(stored);
  });
});
