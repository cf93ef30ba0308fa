import { Cron } from 'croner';
import type { Bilingual } from '../../errors.js';
import { markScheduleFired, readSchedules, saveSchedule, type ScheduleRecord } from '../../store/schedules-table.js';
import type { Engine } from '../engine.js';
import type { ServiceLog } from '../service-log.js';
import { MAX_TIMER_MS, type Clock } from './clock.js';
import { nextInWords } from './next-in-words.js';
import { SCHEDULE_INVALID_CRON, SCHEDULE_UNKNOWN_TASK } from './schedule-errors.js';
import { availableTasks, type ScheduledTask } from './scheduled-tasks.js';

/** A task as the API shows it. */
export interface ScheduleView {
  readonly task: string;
  readonly processor?: string;
  readonly actions: readonly string[];
  readonly label: Bilingual;
  readonly enabled: boolean;
  readonly cron: string;
  readonly defaultCron: string;
  /** The next three times it fires (enabled or not: what it would do). */
  readonly next: readonly Date[];
  readonly nextInWords: readonly Bilingual[];
  readonly lastFired: Date | null;
}

/** Runs one execution of a task; the service gives runScheduledTask. */
export type TaskRunner = (task: ScheduledTask, firedAt: Date) => Promise<unknown>;

/** Checks a cron expression (five fields, or six with seconds); throws SCHEDULE_INVALID_CRON naming it. */
export function parseCron(task: string, cron: string): Cron {
  try {
    return new Cron(cron.trim(), { paused: true });
  } catch (error) {
    throw SCHEDULE_INVALID_CRON({ task, cron, reason: (error as Error).message.replace(/^CronPattern: /, '') });
  }
}

/**
 * The scheduler (croner computes the times, the injected clock keeps them): one timer per enabled task, armed
 * for its next time. A task never overlaps itself (an occurrence that comes while the previous one still runs is
 * skipped), and its runs take the processors' locks, so nothing overlaps a manual run either. At start, an
 * enabled task whose time came while the service was down runs once.
 */
export class Scheduler {
  readonly #engine: Engine;
  readonly #clock: Clock;
  readonly #runTask: TaskRunner;
  readonly #log: ServiceLog;
  readonly #timers = new Map<string, unknown>();
  readonly #running = new Map<string, Promise<void>>();
  /** Timers are armed only once started: an instance that leaves scheduling to another still edits the schedules. */
  #started = false;
  #stopped = false;

  constructor(engine: Engine, options: { clock: Clock; runTask: TaskRunner; log: ServiceLog }) {
    this.#engine = engine;
    this.#clock = options.clock;
    this.#runTask = options.runTask;
    this.#log = options.log;
  }

  /** Arms every enabled task and runs once each one that missed a time while the service was down. */
  async start(): Promise<void> {
    this.#started = true;
    const now = this.#clock.now();
    const records = await this.#records();
    for (const task of availableTasks()) {
      const record = records.get(task.task);
      if (!record?.enabled) continue;
      const since = new Date(record.last_fired_at ?? record.updated_at);
      const missed = parseCron(task.task, record.cron).nextRun(since);
      if (missed && missed.getTime() <= now.getTime()) {
        this.#log.info(`[schedule ${task.task}] missed ${missed.toISOString()} while the service was down: running it now`);
        this.#fire(task, now);
      }
      this.#arm(task, record.cron);
    }
  }

  /** Every task with its state and next times. */
  async list(): Promise<ScheduleView[]> {
    const records = await this.#records();
    return availableTasks().map((task) => this.#view(task, records.get(task.task)));
  }

  /** Enables, disables or reschedules a task; an invalid cron expression changes nothing. */
  async update(name: string, changes: { enabled?: boolean; cron?: string }): Promise<ScheduleView> {
    const task = availableTasks().find((candidate) => candidate.task === name);
    if (!task) throw SCHEDULE_UNKNOWN_TASK({ task: name, available: availableTasks().map((t) => t.task).join(', ') });
    const current = (await this.#records()).get(name);
    const cron = (changes.cron ?? current?.cron ?? task.defaultCron).trim();
    parseCron(name, cron);
    const enabled = changes.enabled ?? Boolean(current?.enabled);
    await saveSchedule(this.#engine.store.db, { task: name, enabled, cron, now: this.#clock.now().getTime() });
    this.#disarm(name);
    if (enabled) this.#arm(task, cron);
    return this.#view(task, (await this.#records()).get(name));
  }

  /** Stops arming tasks and waits for the ones running. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const name of [...this.#timers.keys()]) this.#disarm(name);
    await Promise.allSettled([...this.#running.values()]);
  }

  /** Resolves when no task runs (tests wait on it after moving the clock). */
  async idle(): Promise<void> {
    while (this.#running.size) await Promise.allSettled([...this.#running.values()]);
  }

  #arm(task: ScheduledTask, cron: string): void {
    if (!this.#started || this.#stopped) return;
    const now = this.#clock.now();
    const next = parseCron(task.task, cron).nextRun(now);
    if (!next) return;
    const wait = next.getTime() - now.getTime();
    const timer = this.#clock.setTimeout(() => {
      this.#timers.delete(task.task);
      if (wait > MAX_TIMER_MS) return this.#arm(task, cron); // a wait longer than a timer takes: armed again
      this.#fire(task, next);
      this.#arm(task, cron);
    }, Math.min(wait, MAX_TIMER_MS));
    this.#timers.set(task.task, timer);
  }

  #disarm(name: string): void {
    const timer = this.#timers.get(name);
    if (timer !== undefined) this.#clock.clearTimeout(timer);
    this.#timers.delete(name);
  }

  #fire(task: ScheduledTask, at: Date): void {
    if (this.#running.has(task.task)) {
      this.#log.warn(`[schedule ${task.task}] ${at.toISOString()} skipped: the previous execution is still running`);
      return;
    }
    const execution = (async () => {
      // Recorded while the task starts: a service stopped mid-task does not run it again at its next start.
      const marking = markScheduleFired(this.#engine.store.db, task.task, at.getTime());
      try {
        await this.#runTask(task, at);
      } catch (error) {
        this.#log.error(`[schedule ${task.task}] failed: ${(error as Error).message}`);
      } finally {
        await marking.catch((error: unknown) => this.#log.error(`[schedule ${task.task}] not recorded: ${(error as Error).message}`));
        this.#running.delete(task.task);
      }
    })();
    this.#running.set(task.task, execution);
  }

  async #records(): Promise<Map<string, ScheduleRecord>> {
    return new Map((await readSchedules(this.#engine.store.db)).map((record) => [record.task, record]));
  }

  #view(task: ScheduledTask, record: ScheduleRecord | undefined): ScheduleView {
    const cron = record?.cron ?? task.defaultCron;
    const now = this.#clock.now();
    const next = parseCron(task.task, cron).nextRuns(3, now);
    return {
      task: task.task,
      ...(task.processor ? { processor: task.processor } : {}),
      actions: task.actions,
      label: task.label,
      enabled: Boolean(record?.enabled),
      cron,
      defaultCron: task.defaultCron,
      next,
      nextInWords: next.map((date) => nextInWords(date, now)),
      lastFired: record?.last_fired_at ? new Date(record.last_fired_at) : null,
    };
  }
}
