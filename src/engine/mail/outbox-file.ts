import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

let lastStamp = 0;

/**
 * Writes one message into `outbox` as `<UTC yyyymmdd-hhmmss-mmm>-<random>.eml` and answers the file name.
 * The file appears whole or not at all: it is written under a hidden temporary name, then renamed.
 */
export async function writeOutboxFile(outbox: string, message: Uint8Array): Promise<string> {
  await mkdir(outbox, { recursive: true });
  const name = `${stampOf(nextStamp())}-${randomBytes(6).toString('hex')}.eml`;
  // Not ending in .eml, so that whatever picks up the outbox never sees a half-written mail.
  const temporary = join(outbox, `.${name}.tmp`);
  try {
    // Owner only: a credentials mail holds a password in clear.
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(message);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, join(outbox, name));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return name;
}

/** Milliseconds that never go back nor repeat in this process, so names sort in the order mails were sent. */
function nextStamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return lastStamp;
}

function stampOf(milliseconds: number): string {
  // UTC: local time would sort wrongly across the autumn clock change.
  const iso = new Date(milliseconds).toISOString(); // 2026-11-22T18:30:12.345Z
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${iso.slice(20, 23)}`;
}
