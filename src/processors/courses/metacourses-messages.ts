import type { Bilingual } from '../../errors.js';

/** Report wording of the metacourse binding file (spec 5.10, the original's wording, placeholders fixed). */
export const METACOURSES_MESSAGES = {
  METACOURSES_BAD_COMMAND: {
    en: 'column cmd: "{value}" is not a command; expected add or del',
    fr: 'colonne cmd : « {value} » n’est pas une commande ; attendu add ou del',
  },
  METACOURSES_EMPTY_VALUE: {
    en: 'column {column}: empty course identifier',
    fr: 'colonne {column} : identifiant de cours vide',
  },
  METACOURSES_NO_SUCH_COURSE: {
    en: 'column {column}: no course has {field} "{course}"',
    fr: 'colonne {column} : aucun cours n’a {field} « {course} »',
  },
  METACOURSES_CREATED: {
    en: 'Metacourse binding for {meta} from {master} created: {enrolments} enrolment(s) of {master} mirrored',
    fr: 'Liaison de métacours de {meta} depuis {master} créée : {enrolments} inscription(s) de {master} reproduite(s)',
  },
  METACOURSES_RESTORED: {
    en: 'Metacourse binding for {meta} from {master} restored: {enrolments} enrolment(s) of {master} mirrored',
    fr: 'Liaison de métacours de {meta} depuis {master} rétablie : {enrolments} inscription(s) de {master} reproduite(s)',
  },
  METACOURSES_EXISTS: {
    en: 'Metacourse binding for {meta} from {master} already active ({enrolments} enrolment(s) mirrored)',
    fr: 'Liaison de métacours de {meta} depuis {master} déjà active ({enrolments} inscription(s) reproduite(s))',
  },
  METACOURSES_REMOVED: {
    en: 'Metacourse binding for {meta} from {master} removed, with its {enrolments} enrolment(s)',
    fr: 'Liaison de métacours de {meta} depuis {master} supprimée, avec ses {enrolments} inscription(s)',
  },
  METACOURSES_NOT_BOUND: {
    en: '{meta} is not a metacourse of {master}: nothing to remove',
    fr: '{meta} n’est pas un métacours de {master} : rien à supprimer',
  },
  METACOURSES_PLATFORM_REJECTED: {
    en: '{cmd} metacourse binding for {meta} from {master}: refused by the platform: {reason}',
    fr: '{cmd} liaison de métacours de {meta} depuis {master} : refusé par la plateforme : {reason}',
  },
} satisfies Record<string, Bilingual>;

export type MetacoursesMessageCode = keyof typeof METACOURSES_MESSAGES;
