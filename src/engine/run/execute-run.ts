import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CSV_ROW_MESSAGES } from '../../csv/csv-errors.js';
import { resolveEncoding, type EncodingSetting } from '../../csv/decode.js';
import type { Separator } from '../../csv/dialect.js';
import { openCsvTable, type CsvRow } from '../../csv/reader.js';
import { LineWriter } from '../../csv/writer.js';
import { formatMessage, type Bilingual, type Lang } from '../../errors.js';
import { notifyRun } from '../mail/run-notification.js';
import { SimulatedPlatform } from '../../platform/simulated-platform.js';
import type { ProcessorAction, ProcessorContext, RowOutcome } from '../../processors/processor.js';
import { isArchiveAction, type RunnableAction } from '../../processors/archive-processor.js';
import type { Platform } from '../../platform/platform.js';
import { ZIP_ENTRY_MESSAGES } from '../archive/zip-messages.js';
import { actionName } from '../../processors/registry.js';
import type { Settings } from '../../settings/settings-store.js';
import { ENGINE_RUN_BUSY } from '../engine-errors.js';
import type { Engine } from '../engine.js';
import { absoluteAreaPath } from '../files/area-path.js';
import { readAreaFile } from '../files/read-area-file.js';
import { postProcess } from '../postprocess/post-process.js';
import { RunCounters } from './counters.js';
import { RUN_MESSAGES } from './run-messages.js';
import { OutcomeRecorder } from './outcome-recorder.js';
import { openRunMails, type RunMails } from './run-mails.js';
import { recoverCrashedRun } from './crash-recovery.js';
import { acquireLock } from '../../store/run-locks.js';
import type { ProgressListener, RunUnit } from './progress.js';
import { progressSaver } from './progress-saver.js';
import { createRunRecord, finishRunRecord, markRunning, type RunStatus, type RunTrigger } from '../../store/run-records.js';
import { RunReport } from './run-report.js';
import { describeFailure, localized } from './run-failure.js';
import { processArchive } from './process-archive.js';

/** The end of one run, as its record holds it. */
export interface RunResult {
  readonly id: number;
  readonly input: string;
  readonly simulate: boolean;
  readonly status: RunStatus;
  readonly counters: RunCounters;
  /** What `counters.read` counts: CSV rows, or the entries of an archive. */
  readonly unit: RunUnit;
  /** Why a failed run failed, in the report language. */
  readonly message: string | null;
  /** The full report (always kept in the data folder's `runs/`). */
  readonly reportFile: string;
  readonly reportPath: string | null;
  readonly trybackPath: string | null;
  readonly archivePath: string | null;
}

export interface ExecuteRunOptions {
  readonly action: RunnableAction;
  /** Input path inside the file area. */
  readonly input: string;
  readonly settings: Settings;
  readonly simulate: boolean;
  readonly trigger: RunTrigger;
  readonly onProgress?: ProgressListener;
  /**
   * The simulation overlay to write to in a simulate run, shared by the runs of one request (the partial archives of
   * one upload see each other's pictures; the files of a course sequence, each other's writes); a fresh one when absent.
   */
  readonly simulation?: Platform;
  /** A run already recorded as queued (the API answers its id before it starts); absent: recorded here. */
  readonly runId?: number;
}

const CANCELLED: Bilingual = {
  en: 'Cancelled on request after {rows} rows; the rows after them were not read. The input file was kept.',
  fr: 'Annulée à la demande après {rows} lignes ; les lignes suivantes n’ont pas été lues. Le fichier d’entrée est conservé.',
};

/**
 * One run: one processor action on one input file, recorded from start to end. It takes the processor's lock,
 * reads the file in batches, hands the good rows to the processor, writes a report line per row and the
 * failed rows to the tryback file, then post-processes. One bad row never stops it; a whole-file problem
 * fails it with one clear message and leaves the input in place.
 */
export async function executeRun(engine: Engine, options: ExecuteRunOptions): Promise<RunResult> {
  const { action, input, simulate } = options;
  const id =
    options.runId ??
    (await createRunRecord(engine.store.db, {
      processor: action.processor,
      action: action.action,
      input,
      trigger: options.trigger,
      simulate,
      owner: engine.owner,
    }));
  const signal = engine.cancellation.signalFor(id);
  try {
    const result = await executeRecordedRun(engine, options, id, signal);
    // Every end is announced, a run refused by a busy lock included: a live view of it closes.
    engine.events.emit('finished', { runId: id, status: result.status });
    if (!simulate) await notifyRun(engine, options.settings, { action, result });
    return result;
  } finally {
    engine.cancellation.release(id);
  }
}

async function executeRecordedRun(engine: Engine, options: ExecuteRunOptions, id: number, signal: AbortSignal): Promise<RunResult> {
  const { action, input, settings, simulate } = options;
  const { db } = engine.store;
  const lang = settings.choice('reportlang') as Lang;
  const started = new Date();
  const counters = new RunCounters();
  const unit = isArchiveAction(action) ? 'entries' : 'rows';
  const reportFile = join(engine.folder.runs, `run-${id}-report.txt`);
  const engineMessages = isArchiveAction(action) ? ZIP_ENTRY_MESSAGES : { ...CSV_ROW_MESSAGES, ...RUN_MESSAGES };
  const report = new RunReport(reportFile, {
    lang,
    messages: { ...engineMessages, ...action.messages },
    simulate,
    onLines: (lines) => {
      if (engine.events.listenerCount('lines')) engine.events.emit('lines', { runId: id, lines });
    },
  });
  const result = (status: RunStatus, message: string | null, paths: Partial<RunResult> = {}): RunResult => ({
    id, input, simulate, status, counters, unit, message, reportFile, reportPath: null, trybackPath: null, archivePath: null, ...paths,
  });

  const attempt = await acquireLock(db, `run:${action.processor}`, id, engine.owner);
  if (!attempt.acquired) {
    const message = localized(ENGINE_RUN_BUSY({ processor: action.processor, owner: attempt.holder.owner, run: attempt.holder.run_id ?? '?' }), lang);
    await finishRunRecord(db, id, { status: 'failed', message });
    return result('failed', message);
  }
  try {
    if (attempt.crashed) {
      const skipMessage = await recoverCrashedRun(engine, attempt.crashed, settings, lang);
      if (skipMessage) {
        await finishRunRecord(db, id, { status: 'failed', message: skipMessage });
        return result('failed', skipMessage);
      }
    }
    await markRunning(db, id);
    engine.events.emit('started', { runId: id, processor: action.processor, action: action.action, input, simulate });
    await report.start(`tool-sync · ${actionName(action)} · run #${id}`, input, started);
    const read = isArchiveAction(action)
      ? { trybackFile: null, cancelled: false, ...(await processArchive(engine, { ...options, action, platform: runPlatform(engine, options) }, report, counters, id)) }
      : await readAndProcess(engine, { ...options, action }, report, counters, id, signal);
    // The run's writes are durable before its report ends and its input is archived or removed.
    const unsaved = await engine.store.flush().then(() => null, (error: unknown) => describeFailure(error, lang));
    const failure = read.failure ?? unsaved;
    const cancelled = !failure && read.cancelled;
    const status: RunStatus = failure ? 'failed' : cancelled ? 'cancelled' : counters.errors > 0 ? 'succeeded_with_errors' : 'succeeded';
    const message = cancelled ? formatMessage(CANCELLED[lang], { rows: counters.read }) : failure;
    if (message) await report.text(message);
    await report.summary(counters, status, unit);
    await report.close();
    // A cancelled run, like a failed one, keeps its input whole to be run again.
    const files = postProcess(engine.folder, settings, {
      input,
      started,
      simulate,
      failed: status === 'failed' || cancelled,
      reportFile,
      trybackFile: cancelled ? null : read.trybackFile,
      forceCleanup: isArchiveAction(action) && action.forceCleanup(settings),
      trybackAlways: !isArchiveAction(action) && (action.trybackAlways ?? false),
    });
    if (read.trybackFile) rmSync(read.trybackFile, { force: true });
    await finishRunRecord(db, id, { status, counters, message, ...files });
    return result(status, message, files);
  } finally {
    await attempt.lock.release();
  }
}

/** Where a run writes: the platform, or in a simulation the request's shared overlay or a fresh one. */
function runPlatform(engine: Engine, options: ExecuteRunOptions): Platform {
  if (!options.simulate) return engine.platform;
  return options.simulation ?? new SimulatedPlatform(engine.platform);
}

async function readAndProcess(
  engine: Engine,
  options: ExecuteRunOptions & { readonly action: ProcessorAction },
  report: RunReport,
  counters: RunCounters,
  runId: number,
  signal: AbortSignal,
): Promise<{ failure: string | null; trybackFile: string | null; cancelled: boolean }> {
  const { action, input, settings } = options;
  const lang = settings.choice('reportlang') as Lang;
  let tryback: LineWriter | null = null;
  let mails: RunMails | null = null;
  try {
    const path = absoluteAreaPath(engine.folder.files, input);
    const bytesTotal = statSync(path).size;
    const encoding = await resolveEncoding(path, settings.choice('encoding') as EncodingSetting, input);
    const table = await openCsvTable(path, { separator: settings.choice('csvseparator') as Separator, encoding }, {
      displayName: input,
      spec: typeof action.columns === 'function' ? action.columns(settings) : action.columns,
      ...(action.headerless ? { headerless: action.headerless } : {}),
      ...(action.batchSize ? { batchSize: action.batchSize } : {}),
      acceptUnknownColumns: settings.bool('invalidnamesnocheck'),
      onNotice: (notice) => void report.notice(notice.line, notice.code, notice.params),
    });
    tryback = new LineWriter(join(engine.folder.runs, `run-${runId}-tryback.tmp`), { encoding, lineBreak: table.lineBreak });
    mails = options.simulate ? null : openRunMails(engine, settings);
    const recorder = new OutcomeRecorder({ counters, report, tryback, trybackHeader: table.header.raw, sendMail: mails?.send ?? null });
    const rejectedByReader: RowOutcome[] = [];
    const context: ProcessorContext = {
      platform: runPlatform(engine, options),
      settings,
      simulate: options.simulate,
      input,
      columns: table.header.columns,
      readAreaFile: (path) => readAreaFile(engine.folder.files, path),
      notice: (code, params = {}) => report.notice(table.header.line, code, params, true),
      sendMail: mails ? runMail(mails, counters) : null,
    };
    const saveProgress = progressSaver(engine.store.db, runId);
    const record = async (outcomes: readonly RowOutcome[]) => {
      await recorder.record([...rejectedByReader.splice(0), ...outcomes]);
      await saveProgress(counters.read);
      const progress = { runId, input, rowsDone: counters.read, unit: 'rows' as const, bytesDone: table.bytesRead, bytesTotal };
      options.onProgress?.(progress);
      engine.events.emit('progress', progress);
      // SQLite answers synchronously: without a turn of the event loop between batches, a service running a large
      // file would hold every request (and the live view of this very run) until the end.
      await new Promise((resolve) => setImmediate(resolve));
    };
    const batches = usableRows(untilCancelled(table.batches, signal), rejectedByReader);
    for await (const outcomes of action.process(batches, context)) await record(outcomes);
    await record([]);
    await tryback.close();
    return { failure: null, trybackFile: tryback.lines ? tryback.path : null, cancelled: signal.aborted };
  } catch (error) {
    // The input stays in place and will be run again whole: its failed rows must not be fed twice.
    await tryback?.close();
    if (tryback) rmSync(tryback.path, { force: true });
    return { failure: describeFailure(error, lang), trybackFile: null, cancelled: false };
  } finally {
    await mails?.close();
  }
}

/** A mail about the run (a digest), counted like the mails of rows. */
function runMail(mails: RunMails, counters: RunCounters): NonNullable<ProcessorContext['sendMail']> {
  return async (request) => {
    const result = await mails.send(request);
    counters.count(result.ok ? 'mail.sent' : 'mail.error');
    return result;
  };
}

/** The batches until the run is cancelled: the batch read when it is is left unprocessed, and the file closed. */
async function* untilCancelled(batches: AsyncIterable<readonly CsvRow[]>, signal: AbortSignal): AsyncGenerator<readonly CsvRow[]> {
  for await (const batch of batches) {
    if (signal.aborted) return;
    yield batch;
  }
}

/** Rows with a reading problem become error outcomes here; the processor only sees usable rows. */
async function* usableRows(batches: AsyncIterable<readonly CsvRow[]>, rejected: RowOutcome[]): AsyncGenerator<readonly CsvRow[]> {
  for await (const batch of batches) {
    const usable: CsvRow[] = [];
    for (const row of batch) {
      if (row.problem) rejected.push({ row, status: 'error', code: row.problem.code, params: row.problem.params });
      else usable.push(row);
    }
    yield usable;
  }
}
