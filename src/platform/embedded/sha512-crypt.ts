import * as nodeCrypto from 'node:crypto';

/** What the SHA-crypt functions need from node:crypto (passed in, see {@link createSha512Crypt}). */
export interface Sha512CryptDeps {
  readonly createHash: typeof nodeCrypto.createHash;
  /** One-shot digest (Node ≥ 20.12); optional, `createHash` is used without it. */
  readonly hash?: ((algorithm: string, data: Uint8Array, outputEncoding: 'buffer') => Buffer) | undefined;
  readonly randomBytes: typeof nodeCrypto.randomBytes;
  readonly timingSafeEqual: typeof nodeCrypto.timingSafeEqual;
}

/** The SHA-512 crypt functions built by {@link createSha512Crypt}. */
export interface Sha512Crypt {
  sha512Crypt(password: string, setting: string): string;
  verifySha512Crypt(password: string, hash: string): boolean;
  newMoodleSetting(): string;
}

/**
 * Builds Ulrich Drepper's SHA-crypt for SHA-512 ("Unix crypt using SHA-256 and SHA-512", `$6$`), as PHP's and
 * glibc's `crypt()` compute it. The function is self-contained on purpose: it references nothing outside its
 * own body, so that the password hasher can evaluate its source text (`Function.prototype.toString`) in worker
 * threads, whether it runs from the TypeScript sources or from dist/.
 */
export function createSha512Crypt(deps: Sha512CryptDeps): Sha512Crypt {
  const ROUNDS_DEFAULT = 5000;
  const ROUNDS_MIN = 1000;
  const ROUNDS_MAX = 999_999_999;
  const SALT_MAX = 16;
  const MOODLE_ROUNDS = 10_000;
  const B64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

  // Digest byte order of the output encoding: 21 groups of 3 bytes (i, i+21, i+42 rotated by i % 3), then byte 63.
  const ORDER: number[] = [];
  for (let i = 0; i < 21; i++) {
    const group = [i, i + 21, i + 42];
    const r = i % 3;
    ORDER.push(group[r] as number, group[(r + 1) % 3] as number, group[(r + 2) % 3] as number);
  }

  const oneShot = deps.hash;
  const digest: (data: Uint8Array) => Buffer = oneShot
    ? (data) => oneShot('sha512', data, 'buffer')
    : (data) => deps.createHash('sha512').update(data).digest();

  /** `length` bytes of `source` repeated (the P and S sequences of the spec). */
  function repeatTo(source: Buffer, length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    for (let at = 0; at < length; at += source.length) out.set(source.subarray(0, Math.min(source.length, length - at)), at);
    return out;
  }

  /** The digest of `count` copies of `source`, streamed: a long password must not cost length² bytes of memory. */
  function digestRepeated(source: Buffer, count: number): Buffer {
    const ctx = deps.createHash('sha512');
    for (let i = 0; i < count; i++) ctx.update(source);
    return ctx.digest();
  }

  function encode(result: Buffer): string {
    let out = '';
    for (let g = 0; g < 63; g += 3) {
      let w = ((result[ORDER[g] as number] as number) << 16) | ((result[ORDER[g + 1] as number] as number) << 8) | (result[ORDER[g + 2] as number] as number);
      for (let n = 0; n < 4; n++, w >>>= 6) out += B64[w & 0x3f];
    }
    const last = result[63] as number;
    return out + B64[last & 0x3f] + B64[last >>> 6];
  }

  /** The digest after the rounds, for key bytes `key` and salt bytes `salt`. */
  function compute(key: Buffer, salt: Buffer, rounds: number): Buffer {
    const kLen = key.length;
    const sLen = salt.length;

    const alt = digest(Buffer.concat([key, salt, key]));
    const parts: Buffer[] = [key, salt];
    let cnt = kLen;
    for (; cnt > 64; cnt -= 64) parts.push(alt);
    parts.push(alt.subarray(0, cnt));
    for (cnt = kLen; cnt > 0; cnt >>>= 1) parts.push((cnt & 1) !== 0 ? alt : key);
    let c = digest(Buffer.concat(parts));

    const p = repeatTo(digestRepeated(key, kLen), kLen);
    const s = repeatTo(digestRepeated(salt, 16 + (c[0] as number)), sLen);

    // One prefilled buffer per shape of round (odd round? salt added? key added?): each round only copies the
    // previous digest into its slot and hashes the buffer once.
    const layouts: Buffer[] = [];
    const slots: number[] = [];
    for (let shape = 0; shape < 8; shape++) {
      const odd = (shape & 1) !== 0;
      const withSalt = (shape & 2) !== 0;
      const withKey = (shape & 4) !== 0;
      const buf = Buffer.allocUnsafe(64 + kLen + (withSalt ? sLen : 0) + (withKey ? kLen : 0));
      let at = odd ? (buf.set(p, 0), kLen) : 64;
      if (withSalt) at += (buf.set(s, at), sLen);
      if (withKey) at += (buf.set(p, at), kLen);
      if (!odd) buf.set(p, at);
      layouts.push(buf);
      slots.push(odd ? at : 0);
    }
    for (let i = 0; i < rounds; i++) {
      const shape = (i & 1) | (i % 3 !== 0 ? 2 : 0) | (i % 7 !== 0 ? 4 : 0);
      const buf = layouts[shape] as Buffer;
      buf.set(c, slots[shape] as number);
      c = digest(buf);
    }
    return c;
  }

  function sha512Crypt(password: string, setting: string): string {
    if (typeof password !== 'string' || typeof setting !== 'string') throw new TypeError('sha512Crypt: password and setting must be strings');
    if (!setting.startsWith('$6$')) throw new Error(`sha512Crypt: not a SHA-512 crypt setting (expected "$6$…")`);
    let rest = setting.slice(3);
    let rounds = ROUNDS_DEFAULT;
    let customRounds = false;
    const roundsMatch = /^rounds=(\d*)\$/.exec(rest);
    if (roundsMatch) {
      rounds = Math.max(ROUNDS_MIN, Math.min(Number(roundsMatch[1] || 0), ROUNDS_MAX));
      customRounds = true;
      rest = rest.slice(roundsMatch[0].length);
    }
    const end = rest.indexOf('$');
    const salt = rest.slice(0, Math.min(end < 0 ? rest.length : end, SALT_MAX));
    let key = Buffer.from(password, 'utf8');
    // crypt() receives C strings: PHP (and so Moodle) hashes the password up to its first NUL byte only.
    const nul = key.indexOf(0);
    if (nul >= 0) key = key.subarray(0, nul);
    const result = compute(key, Buffer.from(salt, 'utf8'), rounds);
    return `$6$${customRounds ? `rounds=${rounds}$` : ''}${salt}$${encode(result)}`;
  }

  function verifySha512Crypt(password: string, hash: string): boolean {
    if (typeof password !== 'string' || typeof hash !== 'string') return false;
    if (!/^\$6\$(rounds=\d+\$)?[^$]{0,16}\$[./0-9A-Za-z]{86}$/.test(hash)) return false;
    const expected = Buffer.from(hash, 'utf8');
    const actual = Buffer.from(sha512Crypt(password, hash), 'utf8');
    return actual.length === expected.length && deps.timingSafeEqual(actual, expected);
  }

  function newMoodleSetting(): string {
    const bytes = deps.randomBytes(SALT_MAX);
    let salt = '';
    for (let i = 0; i < SALT_MAX; i++) salt += B64[(bytes[i] as number) & 0x3f];
    return `$6$rounds=${MOODLE_ROUNDS}$${salt}`;
  }

  return { sha512Crypt, verifySha512Crypt, newMoodleSetting };
}

/** The dependencies from this process's node:crypto. */
export function nodeCryptoDeps(): Sha512CryptDeps {
  const hash = (nodeCrypto as { hash?: Sha512CryptDeps['hash'] }).hash;
  return {
    createHash: nodeCrypto.createHash,
    hash: typeof hash === 'function' ? hash : undefined,
    randomBytes: nodeCrypto.randomBytes,
    timingSafeEqual: nodeCrypto.timingSafeEqual,
  };
}

const local = createSha512Crypt(nodeCryptoDeps());

/**
 * PHP's `crypt($password, $setting)` for SHA-512 settings: `$6$salt` or `$6$rounds=N$salt` (salt cut at 16
 * characters or at a `$`, rounds clamped to 1000..999999999 and written back only when given). Throws on a
 * setting that is not `$6$…`.
 */
export const sha512Crypt: (password: string, setting: string) => string = local.sha512Crypt;

/** Whether `password` matches a stored `$6$` hash; false for anything malformed (`''`, `*NOPASS*`…). Constant-time compare. */
export const verifySha512Crypt: (password: string, hash: string) => boolean = local.verifySha512Crypt;

/** A fresh setting as Moodle 5 makes them: `$6$rounds=10000$` and 16 random characters of `[./0-9A-Za-z]`. */
export const newMoodleSetting: () => string = local.newMoodleSetting;
