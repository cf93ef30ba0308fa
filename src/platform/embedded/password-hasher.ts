import { availableParallelism } from 'node:os';
import { Worker, type MessagePort } from 'node:worker_threads';
import { createSha512Crypt, type Sha512Crypt } from './sha512-crypt.js';

/** Options of {@link PasswordHasher}. */
export interface PasswordHasherOptions {
  /** Worker threads of the pool; one per core (`os.availableParallelism()`) by default. */
  readonly threads?: number;
}

type Op = 'hash' | 'verify';
type Reply = { readonly results: readonly unknown[] } | { readonly error: string };

interface Job {
  readonly op: Op;
  readonly items: readonly unknown[];
  readonly resolve: (results: unknown[]) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | null;
  dead: boolean;
}

/** Work items per message: small enough that cores finish together, large enough to make messaging negligible. */
const MAX_CHUNK = 16;

/**
 * The worker's loop. Self-contained like `createSha512Crypt`: its source text runs in the worker.
 * Every message gets exactly one reply, so that no call waits forever.
 */
function serveHashing(port: MessagePort, impl: Sha512Crypt): void {
  port.on('message', (message: { op: Op; items: unknown[] }) => {
    let reply: Reply;
    try {
      const results =
        message.op === 'hash'
          ? message.items.map((password) => impl.sha512Crypt(password as string, impl.newMoodleSetting()))
          : message.items.map((item) => {
              const { password, hash } = item as { password: string; hash: string };
              return impl.verifySha512Crypt(password, hash);
            });
      reply = { results };
    } catch (error) {
      reply = { error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
}

let workerCode: string | undefined;

/**
 * The worker's program, built from the source text of the functions themselves so that it is the same code
 * whether this module runs from the TypeScript sources (vitest) or from dist/ (plain node). Modules come in
 * through `import()` because evaluated code is a module, without `require`, when node got `--input-type=module`.
 */
function defaultWorkerSource(): string {
  workerCode ??= [
    `Promise.all([import('node:worker_threads'), import('node:crypto')]).then(([threads, crypto]) => {`,
    `  const impl = (${createSha512Crypt.toString()})(crypto);`,
    `  (${serveHashing.toString()})(threads.parentPort, impl);`,
    `});`,
  ].join('\n');
  return workerCode;
}

/**
 * Hashes and verifies Moodle passwords (SHA-512 crypt, 10000 rounds) on a pool of worker threads. Workers
 * start on first use and hold the process only while they work: an idle pool never keeps it alive, so
 * `close()` is for releasing the threads early, not a must.
 */
export class PasswordHasher {
  readonly #threads: number;
  #slots: Slot[] = [];
  #queue: Job[] = [];
  #closed = false;

  constructor(options: PasswordHasherOptions = {}) {
    const threads = options.threads ?? availableParallelism();
    if (!Number.isSafeInteger(threads) || threads < 1) throw new RangeError(`PasswordHasher: threads must be a positive integer, got ${threads}`);
    this.#threads = threads;
  }

  /** Hashes with a fresh Moodle setting: `$6$rounds=10000$<16-char salt>$<86-char hash>`. */
  async hash(password: string): Promise<string> {
    const [result] = await this.#submit('hash', [password]);
    return result as string;
  }

  /** Whether `password` matches the stored hash; false for anything that is not a `$6$` hash. */
  async verify(password: string, hash: string): Promise<boolean> {
    const [result] = await this.#submit('verify', [{ password, hash }]);
    return result as boolean;
  }

  /** {@link hash} of every password over all the threads; results in the order of `passwords`. */
  async hashMany(passwords: readonly string[]): Promise<string[]> {
    return (await this.#submitMany('hash', passwords)) as string[];
  }

  /** {@link verify} of every item over all the threads; results in the order of `items`. */
  async verifyMany(items: readonly { password: string; hash: string }[]): Promise<boolean[]> {
    return (await this.#submitMany('verify', items.map(({ password, hash }) => ({ password, hash })))) as boolean[];
  }

  /** Terminates the workers; calls still pending and any later call reject. Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    const closedError = (): Error => new Error('PasswordHasher was closed before the work was done');
    for (const job of this.#queue.splice(0)) job.reject(closedError());
    const slots = this.#slots.splice(0);
    for (const slot of slots) {
      slot.dead = true;
      slot.job?.reject(closedError());
      slot.job = null;
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /** The worker's program (JavaScript run with `eval: true`); overridable to exercise failures. */
  protected workerSource(): string {
    return defaultWorkerSource();
  }

  async #submitMany(op: Op, items: readonly unknown[]): Promise<unknown[]> {
    if (!items.length) return [];
    const size = Math.min(MAX_CHUNK, Math.max(1, Math.ceil(items.length / (this.#threads * 4))));
    const chunks: Promise<unknown[]>[] = [];
    for (let at = 0; at < items.length; at += size) chunks.push(this.#submit(op, items.slice(at, at + size)));
    return (await Promise.all(chunks)).flat();
  }

  #submit(op: Op, items: readonly unknown[]): Promise<unknown[]> {
    if (this.#closed) return Promise.reject(new Error('PasswordHasher is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ op, items, resolve, reject });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#queue.length) {
      let slot = this.#slots.find((candidate) => !candidate.job);
      if (!slot) {
        if (this.#slots.length >= this.#threads) return;
        slot = this.#spawn();
      }
      const job = this.#queue.shift() as Job;
      try {
        slot.worker.postMessage({ op: job.op, items: job.items });
      } catch (error) {
        job.reject(new Error(`PasswordHasher: cannot send the work to a worker: ${(error as Error).message}`));
        continue;
      }
      slot.job = job;
      // Referenced while working, so that a caller awaiting a result is not cut short by the process exiting.
      slot.worker.ref();
    }
  }

  #spawn(): Slot {
    // No execArgv: preloads given to the process (`--import` probes, loaders) have no business in the threads.
    const worker = new Worker(this.workerSource(), { eval: true, execArgv: [] });
    worker.unref();
    const slot: Slot = { worker, job: null, dead: false };
    worker.on('message', (reply: Reply) => {
      const job = slot.job;
      slot.job = null;
      worker.unref();
      if (job) {
        if ('error' in reply) job.reject(new Error(`password hashing failed in a worker: ${reply.error}`));
        else job.resolve([...reply.results]);
      }
      this.#dispatch();
    });
    worker.on('error', (error) => this.#lose(slot, `password hashing worker failed: ${error.message}`));
    worker.on('messageerror', (error) => this.#lose(slot, `password hashing worker sent an unreadable reply: ${error.message}`));
    worker.on('exit', (code) => this.#lose(slot, `password hashing worker exited unexpectedly with code ${code}`));
    this.#slots.push(slot);
    return slot;
  }

  /** A worker is gone or unusable: its call rejects, and waiting work goes to the others or to a new worker. */
  #lose(slot: Slot, message: string): void {
    if (slot.dead) return;
    slot.dead = true;
    this.#slots = this.#slots.filter((candidate) => candidate !== slot);
    const job = slot.job;
    slot.job = null;
    job?.reject(new Error(message));
    void slot.worker.terminate();
    this.#dispatch();
  }
}
