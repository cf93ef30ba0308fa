import { LineWriter } from '../../csv/writer.js';
import { formatMessage, type Bilingual, type Lang } from '../../errors.js';
import type { RowDetail, RowOutcome, RowStatus } from '../../processors/processor.js';
import type { EntryOutcome } from '../../processors/archive-processor.js';
import type { RunCounters } from './counters.js';
import type { RunStatus } from '../../store/run-records.js';

const STATUS_WORDS: Record<RowStatus, Bilingual> = {
  created: { en: 'created', fr: 'créé' },
  updated: { en: 'updated', fr: 'modifié' },
  unchanged: { en: 'unchanged', fr: 'inchangé' },
  deleted: { en: 'deleted', fr: 'supprimé' },
  skipped: { en: 'skipped', fr: 'ignoré' },
  error: { en: 'error', fr: 'erreur' },
  notExecuted: { en: 'not executed', fr: 'non exécuté' },
};

/** How a run's status reads in reports and summaries. */
export const RUN_STATUS_WORDS: Record<RunStatus, Bilingual> = {
  queued: { en: 'queued', fr: 'en attente' },
  running: { en: 'running', fr: 'en cours' },
  succeeded: { en: 'succeeded', fr: 'réussie' },
  succeeded_with_errors: { en: 'succeeded with errors', fr: 'réussie avec des erreurs' },
  failed: { en: 'failed', fr: 'échouée' },
  cancelled: { en: 'cancelled', fr: 'annulée' },
};

const WORDS = {
  line: { en: 'line', fr: 'ligne' },
  notice: { en: 'notice', fr: 'remarque' },
  info: { en: 'info', fr: 'info' },
  warning: { en: 'warning', fr: 'avertissement' },
  simulation: { en: 'SIMULATION', fr: 'SIMULATION' },
  started: { en: 'Started {date} · file {file} · {mode}', fr: 'Début {date} · fichier {file} · {mode}' },
  real: { en: 'real run', fr: 'exécution réelle' },
  simulate: { en: 'simulation: nothing is written', fr: 'simulation : rien n’est écrit' },
  summary: {
    en: 'Summary: {read} rows read · {ok} ok · {skipped} skipped · {errors} errors · run {status}',
    fr: 'Bilan : {read} lignes lues · {ok} correctes · {skipped} ignorées · {errors} en erreur · exécution {status}',
  },
  end: { en: 'end of report', fr: 'fin du rapport' },
  entry: { en: 'entry', fr: 'entrée' },
  summaryEntries: {
    en: 'Summary: {read} entries read · {ok} ok · {skipped} skipped · {errors} errors · run {status}',
    fr: 'Bilan : {read} entrées lues · {ok} correctes · {skipped} ignorées · {errors} en erreur · exécution {status}',
  },
} satisfies Record<string, Bilingual>;

const NO_DETAILS: readonly RowDetail[] = [];

/**
 * The report of a run: a header, one line per row outcome (with its physical line number), notices,
 * and a summary of the counters. Written as the run goes, so a million-row report costs no memory.
 */
export class RunReport {
  readonly #writer: LineWriter;
  readonly #lang: Lang;
  readonly #messages: Readonly<Record<string, Bilingual>>;
  readonly #simulate: boolean;
  readonly #onLines: ((lines: readonly string[]) => void) | undefined;
  /** `line `, which starts every row line; and the tags of those lines, by their words (see #tag). */
  readonly #lineWord: string;
  readonly #tags = new Map<Bilingual, string>();

  /** `onLines` sees the lines as they are written (the console's live view of a run). */
  constructor(
    path: string,
    options: { lang: Lang; messages: Readonly<Record<string, Bilingual>>; simulate: boolean; onLines?: (lines: readonly string[]) => void },
  ) {
    this.#writer = new LineWriter(path);
    this.#lang = options.lang;
    this.#messages = options.messages;
    this.#simulate = options.simulate;
    this.#onLines = options.onLines;
    this.#lineWord = `${this.#text(WORDS.line)} `;
  }

  async #write(lines: readonly string[]): Promise<void> {
    await this.#writer.writeLines(lines);
    this.#onLines?.(lines);
  }
  async #writeOne(line: string): Promise<void> {
    await this.#write([line]);
  }


  get path(): string {
    return this.#writer.path;
  }

  async start(title: string, file: string, date: Date): Promise<void> {
    await this.#writeOne(title);
    const mode = this.#text(this.#simulate ? WORDS.simulate : WORDS.real);
    await this.#writeOne(formatMessage(this.#text(WORDS.started), { date: date.toISOString(), file, mode }));
  }

  /** One line per outcome: `line 12 [error] column email: "x" is not an e-mail address`, `SIMULATION:` before writes. */
  async outcomes(outcomes: readonly RowOutcome[]): Promise<void> {
    await this.#write(outcomes.map((outcome) => this.#outcomeLine(outcome)));
  }

  #outcomeLine(outcome: RowOutcome): string {
    const prefix = this.#simulate && outcome.status !== 'error' ? `${this.#text(WORDS.simulation)}: ` : '';
    // `line 12 `: built once for the row's main line and its details.
    const head = this.#lineHead(outcome.row.line);
    let text = `${head}${this.#tag(STATUS_WORDS[outcome.status])}${prefix}${this.message(outcome.code, outcome.params)}`;
    // Appended rather than joined from an array: no array per row, and the text is flattened once, with its batch.
    for (const detail of outcome.details ?? NO_DETAILS) text += `\n${this.#detailLine(head, detail, prefix)}`;
    return text;
  }

  /**
   * One line per archive entry: `entry photos/jdoe.jpg [updated] …`. Control characters of the path are shown as
   * `?`, so that a forged name cannot add lines to the report.
   */
  async entryOutcomes(outcomes: readonly EntryOutcome[]): Promise<void> {
    await this.#write(
      outcomes.map((outcome) => {
        const prefix = this.#simulate && outcome.status !== 'error' ? `${this.#text(WORDS.simulation)}: ` : '';
        const path = outcome.path.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
        return `${this.#text(WORDS.entry)} ${path} [${this.#text(STATUS_WORDS[outcome.status])}] ${prefix}${this.message(outcome.code, outcome.params)}`;
      }),
    );
  }

  /** A further line of a row: `line 12 [info] enrolled in course ALG101…` or `line 12 [warning] …`. */
  async detail(line: number, detail: RowDetail): Promise<void> {
    await this.#writeOne(this.#detailLine(this.#lineHead(line), detail, ''));
  }

  #lineHead(line: number): string {
    return `${this.#lineWord}${line} `;
  }

  #detailLine(head: string, detail: RowDetail, prefix: string): string {
    const level = this.#tag(detail.level === 'warning' ? WORDS.warning : detail.level === 'error' ? STATUS_WORDS.error : WORDS.info);
    // Only what a simulation would do is prefixed: never a warning or a problem.
    const simulated = detail.level === 'warning' || detail.level === 'error' ? '' : prefix;
    return `${head}${level}${simulated}${this.message(detail.code, detail.params)}`;
  }

  /**
   * A line about the file rather than a row. `aboutWrites`: a processor's notice of what it did (groups purged,
   * mails sent), prefixed like the rows in a simulation so that nobody reads it as done.
   */
  async notice(line: number, code: string, params: Readonly<Record<string, unknown>>, aboutWrites = false): Promise<void> {
    const prefix = aboutWrites && this.#simulate ? `${this.#text(WORDS.simulation)}: ` : '';
    await this.#writeOne(`${this.#text(WORDS.line)} ${line} [${this.#text(WORDS.notice)}] ${prefix}${this.message(code, params)}`);
  }

  async text(line: string): Promise<void> {
    await this.#writeOne(line);
  }

  /** The counters at the end; an archive run counts `entries` where a CSV run counts rows. */
  async summary(counters: RunCounters, status: RunStatus, unit: 'rows' | 'entries' = 'rows'): Promise<void> {
    await this.#writeOne('');
    const params = { ...counters, status: this.#text(RUN_STATUS_WORDS[status]) };
    await this.#writeOne(formatMessage(this.#text(unit === 'entries' ? WORDS.summaryEntries : WORDS.summary), params));
    for (const line of describeEntityCounters(counters.entities, this.#lang)) await this.#writeOne(`  ${line}`);
    await this.#writeOne(this.#text(WORDS.end));
  }

  async close(): Promise<void> {
    await this.#writer.close({ finalLineBreak: true });
  }

  message(code: string, params: Readonly<Record<string, unknown>> = {}): string {
    const template = this.#messages[code];
    return template ? formatMessage(template[this.#lang], params) : `${code} ${JSON.stringify(params)}`;
  }

  #text(words: Bilingual): string {
    return words[this.#lang];
  }

  /** `[created] `, `[info] `…: built once per run rather than once per line. */
  #tag(words: Bilingual): string {
    let tag = this.#tags.get(words);
    if (tag === undefined) {
      tag = `[${this.#text(words)}] `;
      this.#tags.set(words, tag);
    }
    return tag;
  }
}

/**
 * Counts by what happened, in the order they read best: `2 created, 1 updated, 2 in error`. French agrees with
 * the entity's gender (`utilisateurs : 2 créés`, `inscriptions : 2 créées`).
 */
const COUNT_WORDS: Record<string, { readonly en: string; readonly fr: string; readonly frFeminine?: string }> = {
  created: { en: 'created', fr: 'créés', frFeminine: 'créées' },
  updated: { en: 'updated', fr: 'modifiés', frFeminine: 'modifiées' },
  renamed: { en: 'renamed', fr: 'renommés', frFeminine: 'renommées' },
  suspended: { en: 'suspended', fr: 'suspendus', frFeminine: 'suspendues' },
  restored: { en: 'restored', fr: 'réactivés', frFeminine: 'réactivées' },
  enabled: { en: 'enabled', fr: 'réactivés', frFeminine: 'réactivées' },
  disabled: { en: 'disabled', fr: 'suspendus', frFeminine: 'suspendues' },
  shifted: { en: 'shifted to another role', fr: 'changés de rôle', frFeminine: 'changées de rôle' },
  bound: { en: 'bound to a grouping', fr: 'rattachés à un groupement', frFeminine: 'rattachées à un groupement' },
  unchanged: { en: 'unchanged', fr: 'inchangés', frFeminine: 'inchangées' },
  deleted: { en: 'deleted', fr: 'supprimés', frFeminine: 'supprimées' },
  sent: { en: 'sent', fr: 'envoyés', frFeminine: 'envoyées' },
  skipped: { en: 'skipped', fr: 'ignorés', frFeminine: 'ignorées' },
  error: { en: 'in error', fr: 'en erreur' },
  notExecuted: { en: 'not executed', fr: 'non exécutés', frFeminine: 'non exécutées' },
  unknownuser: { en: 'for no single user', fr: 'sans utilisateur unique' },
  unreadable: { en: 'unreadable', fr: 'illisibles' },
  refused: { en: 'refused', fr: 'refusés', frFeminine: 'refusées' },
  ignored: { en: 'ignored (not images)', fr: 'ignorés (pas des images)', frFeminine: 'ignorées (pas des images)' },
};
const ORDER = Object.keys(COUNT_WORDS);

/** Entities as summaries name them; English keeps the counter's own name (scripts read those lines). */
const ENTITY_WORDS: Record<string, { readonly fr: string; readonly feminine?: boolean }> = {
  user: { fr: 'utilisateurs' },
  enrolment: { fr: 'inscriptions', feminine: true },
  role: { fr: 'rôles' },
  group: { fr: 'groupes' },
  grouping: { fr: 'groupements' },
  groupmember: { fr: 'appartenances aux groupes', feminine: true },
  cohort: { fr: 'cohortes', feminine: true },
  cohortmember: { fr: 'appartenances aux cohortes', feminine: true },
  cohortbinding: { fr: 'liaisons cohorte-cours', feminine: true },
  mail: { fr: 'courriels' },
  picture: { fr: 'images', feminine: true },
};

/** One line per entity of a run's counters: `user: 2 created, 1 updated, 2 in error`; every counter shows. */
export function describeEntityCounters(entities: Readonly<Record<string, number>>, lang: Lang): string[] {
  const grouped = new Map<string, Map<string, number>>();
  for (const [key, count] of Object.entries(entities)) {
    const [entity, what] = key.split('.') as [string, string];
    grouped.set(entity, (grouped.get(entity) ?? new Map()).set(what, count));
  }
  const rank = (what: string) => (ORDER.includes(what) ? ORDER.indexOf(what) : ORDER.length);
  return [...grouped].map(([entity, counts]) => {
    const named = ENTITY_WORDS[entity];
    const word = (what: string) => {
      const words = COUNT_WORDS[what];
      if (!words) return what;
      return lang === 'fr' ? (named?.feminine ? (words.frFeminine ?? words.fr) : words.fr) : words.en;
    };
    const parts = [...counts].sort(([a], [b]) => rank(a) - rank(b)).map(([what, count]) => `${count} ${word(what)}`);
    return lang === 'fr' ? `${named?.fr ?? entity} : ${parts.join(', ')}` : `${entity}: ${parts.join(', ')}`;
  });
}
