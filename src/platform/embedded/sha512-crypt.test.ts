import * as nodeCrypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSha512Crypt, newMoodleSetting, nodeCryptoDeps, sha512Crypt, verifySha512Crypt } from './sha512-crypt.js';

/** Drepper's test vectors ("Unix crypt using SHA-256 and SHA-512"), also PHP's crypt_sha512.phpt. */
const VECTORS: readonly (readonly [setting: string, password: string, expected: string])[] = [
  ['$6$saltstring', 'Hello world!', '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1'],
  ['$6$rounds=10000$saltstringsaltstring', 'Hello world!', '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.'],
  ['$6$rounds=5000$toolongsaltstring', 'This is just a test', '$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0'],
  [
    '$6$rounds=1400$anotherlongsaltstring',
    'a very much longer text to encrypt.  This one even stretches over morethan one line.',
    '$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1',
  ],
  ['$6$rounds=77777$short', 'we have a short salt string but not a short password', '$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0'],
  ['$6$rounds=123456$asaltof16chars..', 'a short string', '$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1'],
  ['$6$rounds=10$roundstoolow', 'the minimum number is still observed', '$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX.'],
  ['$6$$bar$', 'foo', '$6$$QMXjqd7rHQZPQ1yHsXkQqC1FBzDiVfTHXL.LaeDAeVV.IzMaV9VU4MQ8kPuZa2SOP1A0RPm772EaFYjpEJtdu.'],
];

/**
 * Computed once with Python's crypt module (glibc): `crypt.crypt('Pässwörd!', '$6$rounds=10000$AbCdEfGhIjKlMnOp')`,
 * the shape Moodle 5 stores, with a non-ASCII password (UTF-8 bytes are hashed).
 */
const MOODLE_STYLE = '$6$rounds=10000$AbCdEfGhIjKlMnOp$Ko3z5m7yUcTz4LOnGu4IsNK51L5lcwTrLzTvWVOGdSl6fWOsNB397DB/z1li8yJOt4iBF3FCDECT/y3mfJ8.M1';

describe('sha512Crypt', () => {
  it.each(VECTORS)('%s with %j', (setting, password, expected) => {
    expect(sha512Crypt(password, setting)).toBe(expected);
  });

  it('gives the same results through createHash when crypto.hash is missing', () => {
    const { sha512Crypt: viaCreateHash } = createSha512Crypt({ ...nodeCryptoDeps(), hash: undefined });
    for (const [setting, password, expected] of VECTORS.slice(0, 3)) expect(viaCreateHash(password, setting)).toBe(expected);
  });

  it('accepts a full stored hash as setting (the hash part after the salt is ignored)', () => {
    const [, password, expected] = VECTORS[1]!;
    expect(sha512Crypt(password, expected)).toBe(expected);
  });

  it('hashes a password longer than 64 bytes and the empty password like glibc', () => {
    expect(sha512Crypt('x'.repeat(150), '$6$rounds=1000$longkey')).toBe('$6$rounds=1000$longkey$6Ie9Az5OR6vcw6vEZAcfD1hNvd6Mttt.qk0AscEGvWJHKexQSbqlWJ6G1NCtgmUsxo8D4tGCfzKFGQ7UEKKe//');
    expect(sha512Crypt('', '$6$rounds=1000$emptykey')).toBe('$6$rounds=1000$emptykey$lVxe1auvcXLuDMPOZMw3JLMGe6oD00a75BQWLUyExrdaRmws5mm4grCh2.osr3CA1eCattPk2AnG0ItnL55Hn/');
  });

  it('matches a Moodle-style hash made by another implementation', () => {
    expect(sha512Crypt('Pässwörd!', MOODLE_STYLE)).toBe(MOODLE_STYLE);
  });

  it('stops the password at its first NUL byte, as PHP crypt() does', () => {
    const setting = '$6$rounds=1000$nulbyte';
    expect(sha512Crypt('secret\0ignored', setting)).toBe(sha512Crypt('secret', setting));
  });

  it('rejects a setting that is not SHA-512 crypt', () => {
    expect(() => sha512Crypt('x', '$5$saltstring')).toThrow(/SHA-512/);
    expect(() => sha512Crypt('x', 'saltstring')).toThrow(/SHA-512/);
  });
});

describe('verifySha512Crypt', () => {
  it('is true for the right password and false for a wrong one', () => {
    expect(verifySha512Crypt('Pässwörd!', MOODLE_STYLE)).toBe(true);
    expect(verifySha512Crypt('Passwörd!', MOODLE_STYLE)).toBe(false);
    expect(verifySha512Crypt('Pässwörd! ', MOODLE_STYLE)).toBe(false);
  });

  it('is false for malformed or placeholder hashes', () => {
    for (const stored of ['', '*NOPASS*', 'not cached', '$6$', '$6$rounds=10000$AbCdEfGhIjKlMnOp$', MOODLE_STYLE.slice(0, -1), `${MOODLE_STYLE}x`,
      MOODLE_STYLE.replace('$6$', '$5$'), '$2y$10$abcdefghijklmnopqrstuuJ8u0Zl5cJ0h3oqY9CzQ7eVy4xq1aZ2m']) {
      expect(verifySha512Crypt('Pässwörd!', stored), stored).toBe(false);
    }
  });

  it('is false when one character of the hash differs', () => {
    const last = MOODLE_STYLE.at(-1) === 'a' ? 'b' : 'a';
    expect(verifySha512Crypt('Pässwörd!', MOODLE_STYLE.slice(0, -1) + last)).toBe(false);
  });
});

describe('newMoodleSetting', () => {
  it('is $6$rounds=10000$ and 16 salt characters, different each time', () => {
    const settings = new Set(Array.from({ length: 50 }, () => newMoodleSetting()));
    expect(settings.size).toBe(50);
    for (const setting of settings) expect(setting).toMatch(/^\$6\$rounds=10000\$[./0-9A-Za-z]{16}$/);
  });

  it('round-trips through sha512Crypt and verifySha512Crypt', () => {
    const setting = newMoodleSetting();
    const stored = sha512Crypt('correct horse', setting);
    expect(stored).toMatch(/^\$6\$rounds=10000\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
    expect(stored.startsWith(`${setting}$`)).toBe(true);
    expect(verifySha512Crypt('correct horse', stored)).toBe(true);
    expect(verifySha512Crypt('correct horsE', stored)).toBe(false);
  });

  it('draws its salt from crypto.randomBytes', () => {
    const { newMoodleSetting: fixed } = createSha512Crypt({ ...nodeCryptoDeps(), randomBytes: ((size: number) => Buffer.alloc(size, 0x7f)) as typeof nodeCrypto.randomBytes });
    expect(fixed()).toBe('$6$rounds=10000$zzzzzzzzzzzzzzzz');
  });
});
