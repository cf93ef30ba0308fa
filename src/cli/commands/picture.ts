import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readUserPicture } from '../../engine/export/read-user-picture.js';
import { EXIT, labelled, say, withEngine } from '../cli-context.js';

export function registerPictureCommand(program: Command): void {
  program
    .command('picture <key>')
    .description(say({
      en: 'export the picture of a user, named as in a picture archive (jdoe, jdoe@1, 1234…)',
      fr: 'exporter l’image d’un utilisateur, désigné comme dans une archive d’images (jdupont, jdupont@1, 1234…)',
    }))
    .option('--field <field>', say({
      en: 'id | idnumber | username | email | hostedusername (default: the userpictures_userfield setting)',
      fr: 'id | idnumber | username | email | hostedusername (par défaut : le réglage userpictures_userfield)',
    }))
    .option('--size <size>', 'f1 (100 px) | f2 (35 px) | f3 (512 px)', 'f1')
    .option('-o, --output <file>', say({ en: 'file to write (default: <key>-<size>.png or .jpg)', fr: 'fichier à écrire (par défaut : <clé>-<taille>.png ou .jpg)' }))
    .action((key: string, options: { field?: string; size: string; output?: string }, command: Command) =>
      withEngine(command, async (engine) => {
        const picture = await readUserPicture(engine, { key, size: options.size, ...(options.field ? { field: options.field } : {}) });
        const output = options.output ?? `${key}-${picture.size}.${picture.mimetype === 'image/jpeg' ? 'jpg' : 'png'}`;
        writeFileSync(output, picture.content);
        console.log(labelled({ en: 'picture written', fr: 'image écrite' }, `${output} (${picture.mimetype}, ${picture.content.length} ${say({ en: 'bytes', fr: 'octets' })})`));
        return EXIT.ok;
      }),
    );
}
