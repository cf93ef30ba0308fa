import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Writes a course creation file of `rows` distinct courses (`;`, UTF-8) spread over `leaves` categories three
 * levels deep (Faculty N/Department N/Year N: 10 × 10 × 10 for 1,000), each with a summary, an idnumber, a start
 * date and four topics (`name|summary`).
 */
export async function generateCoursesFile(path, rows, { leaves = 1000 } = {}) {
  const side = Math.round(Math.cbrt(leaves));
  const out = createWriteStream(path);
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('shortname;fullname;idnumber;category;summary;startdate;topic0;topic1;topic2;topic3\n');
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    const leaf = i % (side * side * side);
    const path = `Faculty ${Math.floor(leaf / (side * side)) + 1}/Department ${(Math.floor(leaf / side) % side) + 1}/Year ${(leaf % side) + 1}`;
    chunk += `C${i};Course ${i};CID${i};${path};Summary of course ${i};2026-09-01;General|Welcome;Week 1|Introduction;Week 2|Practice;Week 3|Assessment\n`;
    if (i % 1000 === 0) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
}
