import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const FIRST = ['Anne', 'Bruno', 'Chloé', 'David', 'Élise', 'François', 'Gaëlle', 'Hugo', 'Inès', 'Jules'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau'];

/**
 * Writes a users file of `rows` distinct users (`;`, UTF-8), the shape a student-information system exports;
 * `courses` adds course1/role1/enrol1 columns spreading the users over COURSE1…COURSE<courses>; `passwords`
 * adds a password column.
 */
export async function generateUsersFile(path, rows, { courses = 0, passwords = false } = {}) {
  const out = createWriteStream(path);
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const extra = `${courses ? ';course1;role1;enrol1' : ''}${passwords ? ';password' : ''}`;
  await write(`username;firstname;lastname;email;idnumber${extra}\n`);
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    chunk += `user${i};${FIRST[i % 10]};${LAST[(i * 7) % 10]};user${i}@example.edu;ID${String(i).padStart(8, '0')}`;
    if (courses) chunk += `;COURSE${(i % courses) + 1};student;manual`;
    if (passwords) chunk += `;Pw-${i}-secret!`;
    chunk += '\n';
    if (i % 1000 === 0) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
}
