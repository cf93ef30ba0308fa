// Password hashing rate of the embedded platform: SHA-512 crypt with Moodle's 10000 rounds, on one core and on
// the worker pool. Needs `npm run build` (imports the compiled modules).
import { availableParallelism } from 'node:os';
import { PasswordHasher } from '../dist/platform/embedded/password-hasher.js';
import { newMoodleSetting, sha512Crypt } from '../dist/platform/embedded/sha512-crypt.js';

const ONE_CORE_COUNT = 200;

/** Hashes per second of `work` (which hashes `count` passwords). */
async function rate(count, work) {
  const started = process.hrtime.bigint();
  await work();
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

/**
 * Measures (a) one core: `sha512Crypt` with fresh Moodle settings on the main thread, and (b) the pool:
 * `PasswordHasher.hashMany` of `count` passwords over one thread per core. Rates are hashes per second.
 */
export async function measurePasswordHashing({ count = 2000 } = {}) {
  const cores = availableParallelism();
  // A few hashes first so that the loop measured runs optimised code.
  for (let i = 0; i < 10; i++) sha512Crypt(`warm-up-${i}`, newMoodleSetting());
  const oneCoreRate = await rate(ONE_CORE_COUNT, () => {
    for (let i = 0; i < ONE_CORE_COUNT; i++) sha512Crypt(`password-${i}`, newMoodleSetting());
  });

  const hasher = new PasswordHasher({ threads: cores });
  try {
    // Starts the threads outside the measure, as a long run would have them started.
    await hasher.hashMany(Array.from({ length: cores }, (_, i) => `warm-up-${i}`));
    const passwords = Array.from({ length: count }, (_, i) => `password-${i}`);
    const poolRate = await rate(count, () => hasher.hashMany(passwords));
    return { count, oneCoreRate: Math.round(oneCoreRate), poolRate: Math.round(poolRate), cores };
  } finally {
    await hasher.close();
  }
}

/**
 * What this machine's cores give together: the same SHA-512 loop on 1 thread, then on every core, for 2 s
 * each. On machines whose vCPUs share physical cores the ratio is well below the number of cores, and no
 * hashing pool can beat it.
 */
export async function measureParallelScaling(seconds = 2) {
  const { Worker } = await import('node:worker_threads');
  const { availableParallelism } = await import('node:os');
  const code = `const c = require('node:crypto'); let b = Buffer.alloc(64); const end = Date.now() + ${seconds * 1000}; let n = 0;
    while (Date.now() < end) { for (let i = 0; i < 1000; i++) b = c.createHash('sha512').update(b).digest(); n += 1000; }
    require('node:worker_threads').parentPort.postMessage(n);`;
  const run = async (threads) => {
    const counts = await Promise.all(Array.from({ length: threads }, () => new Promise((resolve, reject) => {
      const worker = new Worker(code, { eval: true, execArgv: [] });
      worker.once('message', (count) => {
        resolve(count);
        void worker.terminate();
      });
      worker.once('error', reject);
    })));
    return counts.reduce((sum, count) => sum + count, 0);
  };
  const cores = availableParallelism();
  const one = await run(1);
  return { cores, scaling: (await run(cores)) / one };
}
