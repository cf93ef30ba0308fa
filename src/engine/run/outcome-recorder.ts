import type { LineWriter } from '../../csv/writer.js';
import type { MailRequest, MailResult, RowDetail, RowOutcome } from '../../processors/processor.js';
import type { RunCounters } from './counters.js';
import type { RunReport } from './run-report.js';

/** Sends the mail a row asks for; never throws for a delivery problem. */
export type MailSender = (request: MailRequest) => Promise<MailResult>;

/**
 * Records the outcomes of a batch, in line order: counters, report lines (the row's line, then its details),
 * tryback rows (under the original header line), then the mails of the rows whose write succeeded, each adding
 * a line to the report (a failed mail is a warning, never a lost row).
 */
export class OutcomeRecorder {
  readonly #counters: RunCounters;
  readonly #report: RunReport;
  readonly #tryback: LineWriter;
  readonly #trybackHeader: string;
  readonly #sendMail: MailSender | null;

  constructor(parts: { counters: RunCounters; report: RunReport; tryback: LineWriter; trybackHeader: string; sendMail: MailSender | null }) {
    this.#counters = parts.counters;
    this.#report = parts.report;
    this.#tryback = parts.tryback;
    this.#trybackHeader = parts.trybackHeader;
    this.#sendMail = parts.sendMail;
  }

  async record(outcomes: readonly RowOutcome[]): Promise<void> {
    const ordered = [...outcomes].sort((a, b) => a.row.line - b.row.line);
    for (const outcome of ordered) this.#counters.add(outcome);
    await this.#report.outcomes(ordered);
    const failed = ordered.filter((outcome) => outcome.tryback ?? outcome.status === 'error').map((outcome) => outcome.row.raw);
    if (failed.length && this.#tryback.lines === 0 && this.#trybackHeader) failed.unshift(this.#trybackHeader);
    await this.#tryback.writeLines(failed);
    if (this.#sendMail) await this.#sendMails(ordered, this.#sendMail);
  }

  async #sendMails(outcomes: readonly RowOutcome[], send: MailSender): Promise<void> {
    const mails = outcomes.filter((outcome) => outcome.mail && outcome.status !== 'error');
    const results = await Promise.all(mails.map((outcome) => send(outcome.mail!)));
    for (const [index, result] of results.entries()) {
      const { row, mail } = mails[index]!;
      const detail: RowDetail & { counter: string } = result.ok
        ? { code: 'MAIL_SENT', params: { to: mail!.to }, counter: 'mail.sent' }
        : { code: 'MAIL_FAILED', params: { to: mail!.to, reason: result.reason }, level: 'warning' as const, counter: 'mail.error' };
      this.#counters.count(detail.counter);
      await this.#report.detail(row.line, detail);
    }
  }
}
