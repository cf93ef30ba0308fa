import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { deleteEmptyCategories, findEmptyCategories } from '../../engine/courses/clean-categories.js';
import { writeDeletionFile, writeResetFile, type GeneratedFile } from '../../engine/courses/course-file-generators.js';
import { listCourses } from '../../engine/courses/list-courses.js';
import { COURSE_SEQUENCE, runCourseSequence } from '../../engine/run/run-course-sequence.js';
import type { Engine } from '../../engine/engine.js';
import { EXIT, labelled, say, withEngine } from '../cli-context.js';
import { presentRun } from '../present-run.js';
import { createProgressDisplay } from '../progress-display.js';

/** `tool-sync courses …`: the "run all" sequence of the course files and the course utilities (spec 5.2, 5.11). */
export function registerCoursesCommand(program: Command): void {
  const courses = program.command('courses').description(say({
    en: 'course files run together, and the course utilities',
    fr: 'fichiers de cours exécutés ensemble, et utilitaires de cours',
  }));
  registerRunAll(courses);
  registerList(courses);
  registerGenerator(courses, 'deletion-file', writeDeletionFile, {
    en: 'write the course deletion file (read by courses/delete) naming these courses, by courses_filedeleteidentifier',
    fr: 'écrire le fichier de suppression des cours (lu par courses/delete) nommant ces cours, par courses_filedeleteidentifier',
  });
  registerGenerator(courses, 'reset-file', writeResetFile, {
    en: 'write the course reset file (read by courses/reset) for these courses, with the full-reset defaults, by courses_fileresetidentifier',
    fr: 'écrire le fichier de réinitialisation des cours (lu par courses/reset) pour ces cours, avec les valeurs de réinitialisation complète, par courses_fileresetidentifier',
  });
  registerCleanCategories(courses);
}

function registerRunAll(courses: Command): void {
  courses
    .command('run-all')
    .description(say({
      en: `run each course file that exists, in this order: ${COURSE_SEQUENCE.join(', ')}`,
      fr: `exécuter chaque fichier de cours présent, dans cet ordre : ${COURSE_SEQUENCE.join(', ')}`,
    }))
    .option('-s, --simulate', say({ en: 'report what would happen, write nothing', fr: 'rapporter ce qui se passerait, sans rien écrire' }))
    .option('--only <steps>', say({ en: 'comma-separated steps (reset,check,delete,create,metas)', fr: 'étapes séparées par des virgules (reset,check,delete,create,metas)' }))
    .action((options: { simulate?: boolean; only?: string }, command: Command) =>
      withEngine(command, async (engine) => {
        const progress = createProgressDisplay();
        const steps = await runCourseSequence(engine, {
          trigger: 'manual',
          simulate: options.simulate ?? false,
          ...(options.only ? { only: options.only.split(',').map((step) => step.trim()) } : {}),
          onProgress: progress.update,
        });
        progress.done();
        for (const step of steps) {
          if (step.outcome === 'no-file') console.log(`${step.action}: ${say({ en: 'no file, passed', fr: 'aucun fichier, étape passée' })}`);
          if (step.outcome === 'unavailable') console.log(`${step.action}: ${say({ en: 'not available in this version', fr: 'non disponible dans cette version' })}`);
          for (const run of step.runs) console.log(`${step.action}: ${await presentRun(engine, run)}`);
        }
        const runs = steps.flatMap((step) => step.runs);
        if (runs.some((run) => run.status === 'failed')) return EXIT.failed;
        return runs.some((run) => run.counters.errors > 0) ? EXIT.rowErrors : EXIT.ok;
      }),
    );
}

function registerList(courses: Command): void {
  courses
    .command('list')
    .description(say({
      en: 'list the courses with how many users hold each role, to choose those of a deletion or reset file',
      fr: 'lister les cours avec le nombre d’utilisateurs par rôle, pour choisir ceux d’un fichier de suppression ou de réinitialisation',
    }))
    .option('--category <id>', say({ en: 'only the courses of this category', fr: 'seulement les cours de cette catégorie' }))
    .action((options: { category?: string }, command: Command) =>
      withEngine(command, async (engine) => {
        const listing = await listCourses(engine, options.category === undefined ? {} : { category: Number(options.category) });
        for (const course of listing) {
          const roles = Object.entries(course.roles).map(([role, count]) => `${role} ${count}`).join(', ');
          console.log(`${course.shortname} · ${course.fullname} · idnumber ${course.idnumber || '-'} · id ${course.id}${roles ? ` · ${roles}` : ''}`);
        }
        if (!listing.length) console.log(say({ en: 'No course', fr: 'Aucun cours' }));
        return EXIT.ok;
      }),
    );
}

function registerGenerator(
  courses: Command,
  name: string,
  generate: (engine: Engine, values: readonly string[]) => Promise<GeneratedFile>,
  description: { en: string; fr: string },
): void {
  courses
    .command(name)
    .argument('[courses...]', say({ en: 'course identifiers', fr: 'identifiants de cours' }))
    .option('--from <file>', say({ en: 'read the identifiers from a file, one per line', fr: 'lire les identifiants dans un fichier, un par ligne' }))
    .description(say(description))
    .action((values: string[], options: { from?: string }, command: Command) =>
      withEngine(command, async (engine) => {
        const listed = options.from ? readFileSync(options.from, 'utf8').split(/\r?\n/) : [];
        const file = await generate(engine, [...values, ...listed]);
        console.log(labelled({ en: 'written', fr: 'écrit' }, `${file.path} (${file.courses.length} ${say({ en: 'course(s)', fr: 'cours' })})`));
        for (const course of file.courses) console.log(`  ${course.shortname} · ${course.fullname} · id ${course.id}`);
        return EXIT.ok;
      }),
    );
}

function registerCleanCategories(courses: Command): void {
  courses
    .command('clean-categories')
    .description(say({
      en: 'list the empty course categories under a start category; --confirm deletes them',
      fr: 'lister les catégories de cours vides sous une catégorie de départ ; --confirm les supprime',
    }))
    .option('--start <id>', say({ en: 'start category id (default: the whole tree)', fr: 'identifiant de la catégorie de départ (par défaut : tout l’arbre)' }))
    .option('--ignore-subcategories', say({ en: 'a category whose sub-categories are all empty is empty too', fr: 'une catégorie dont toutes les sous-catégories sont vides est vide aussi' }))
    .option('--confirm', say({ en: 'delete the categories listed', fr: 'supprimer les catégories listées' }))
    .action((options: { start?: string; ignoreSubcategories?: boolean; confirm?: boolean }, command: Command) =>
      withEngine(command, async (engine) => {
        const clean = { start: Number(options.start ?? 0), ignoreEmptySubcategories: options.ignoreSubcategories ?? false };
        if (!options.confirm) {
          const empty = await findEmptyCategories(engine, clean);
          for (const category of empty) console.log(`${category.path} (id ${category.id})`);
          console.log(empty.length
            ? say({ en: `${empty.length} empty categories; run again with --confirm to delete them`, fr: `${empty.length} catégories vides ; relancez avec --confirm pour les supprimer` })
            : say({ en: 'No empty category', fr: 'Aucune catégorie vide' }));
          return EXIT.ok;
        }
        const results = await deleteEmptyCategories(engine, clean);
        for (const { category, result } of results) {
          console.log(result.ok
            ? say({ en: `Course category ${category.path} has been deleted.`, fr: `La catégorie de cours ${category.path} a été supprimée.` })
            : say({ en: `Course category ${category.path} was kept: ${result.error.message}`, fr: `La catégorie de cours ${category.path} a été conservée : ${result.error.message}` }));
        }
        return results.every(({ result }) => result.ok) ? EXIT.ok : EXIT.rowErrors;
      }),
    );
}
