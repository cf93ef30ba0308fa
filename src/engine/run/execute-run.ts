import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CSV_ROW_MESSAGES } from '../../csv/csv-errors.js';
import { resolveEncoding, type EncodingSetting } from '../../csv/decode.js';
import type { Separator } from '../../csv/dialect.js';
import { openCsvTable, type CsvRow } from '../../csv/reader.js';
import { LineWriter } from '../../csv/writer.js';
import type { Lang } from '../../errors.js';
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
import { postProcess } from '../postprocess/post-process.js';
import { RunCounters } from './counters.js';
import { RUN_MESSAGES } from './run-messages.js';
import { OutcomeRecorder } from './outcome-recorder.js';
import { openRunMails, type RunMails } from './run-mails.js';
import { recoverCrashedRun } from './crash-recovery.js';
import { acquireLock } from '../../store/run-locks.js';
import type { ProgressListener } from './progress.js';
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
  readonly unit: 'rows' | 'entries';
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
}

/**
 * One run: one processor action on one input file, recorded from start to end. It takes the processor's lock,
 * reads the file in batches, hands the good rows to the processor, writes a report line per row and the
 * failed rows to the tryback file, then post-processes. One bad row never stops it; a whole-file problem
 * fails it with one clear message and leaves the input in place.
 */
export async function executeRun(engine: Engine, options: ExecuteRunOptions): Promise<RunResult> {
  const { action, input, settings, simulate } = options;
  const { db } = engine.store;
  const lang = settings.choice('reportlang') as Lang;
  const started = new Date();
  const id = await createRunRecord(db, {
    processor: action.processor,
    action: action.action,
    input,
    trigger: options.trigger,
    simulate,
    owner: engine.owner,
  });
  const counters = new RunCounters();
  const unit = isArchiveAction(action) ? 'entries' : 'rows';
  const reportFile = join(engine.folder.runs, `run-${id}-report.txt`);
  const engineMessages = isArchiveAction(action) ? ZIP_ENTRY_MESSAGES : { ...CSV_ROW_MESSAGES, ...RUN_MESSAGES };
  const report = new RunReport(reportFile, { lang, messages: { ...engineMessages, ...action.messages }, simulate });
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
      ? { trybackFile: null, ...(await processArchive(engine, { ...options, action, platform: runPlatform(engine, options) }, report, counters, id)) }
      : await readAndProcess(engine, { ...options, action }, report, counters, id);
    const status: RunStatus = read.failure ? 'failed' : counters.errors > 0 ? 'succeeded_with_errors' : 'succeeded';
    if (read.failure) await report.text(read.failure);
    await report.summary(counters, status, unit);
    await report.close();
    const files = postProcess(engine.folder, settings, {
      input,
      started,
      simulate,
      failed: status === 'failed',
      reportFile,
      trybackFile: read.trybackFile,
      forceCleanup: isArchiveAction(action) && action.forceCleanup(settings),
      trybackAlways: !isArchiveAction(action) && (action.trybackAlways ?? false),
    });
    if (read.trybackFile) rmSync(read.trybackFile, { force: true });
    await finishRunRecord(db, id, { status, counters, message: read.failure, ...files });
    engine.events.emit('finished', { runId: id, status });
    return result(status, read.failure, files);
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
): Promise<{ failure: string | null; trybackFile: string | null }> {
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
      notice: (code, params = {}) => report.notice(table.header.line, code, params, true),
      sendMail: mails ? runMail(mails, counters) : null,
    };
    const record = async (outcomes: readonly RowOutcome[]) => {
      await recorder.record([...rejectedByReader.splice(0), ...outcomes]);
      const progress = { runId, input, rowsDone: counters.read, bytesDone: table.bytesRead, bytesTotal };
      options.onProgress?.(progress);
      engine.events.emit('progress', progress);
    };
    for await (const outcomes of action.process(usableRows(table.batches, rejectedByReader), context)) await record(outcomes);
    await record([]);
    await tryback.close();
    return { failure: null, trybackFile: tryback.lines ? tryback.path : null };
  } catch (error) {
    // The input stays in place and will be run again whole: its failed rows must not be fed twice.
    await tryback?.close();
    if (tryback) rmSync(tryback.path, { force: true });
    return { failure: describeFailure(error, lang), trybackFile: null };
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
