import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const FIRST = ['Anne', 'Bruno', 'Chloé', 'David', 'Élise', 'François', 'Gaëlle', 'Hugo', 'Inès', 'Jules'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau'];

/** Writes a users file of `rows` distinct users (`;`, UTF-8), the shape a student-information system exports. */
export async function generateUsersFile(path, rows) {
  const out = createWriteStream(path);
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('username;firstname;lastname;email;idnumber\n');
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    chunk += `user${i};${FIRST[i % 10]};${LAST[(i * 7) % 10]};user${i}@example.edu;ID${String(i).padStart(8, '0')}\n`;
    if (i % 1000 === 0) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
}
