import type { Engine } from '../engine/engine.js';
import { systemClock, type Clock } from '../engine/schedule/clock.js';
import { DropFolderWatcher } from '../engine/schedule/drop-folder-watcher.js';
import { runScheduledTask } from '../engine/schedule/run-scheduled-task.js';
import { Scheduler } from '../engine/schedule/scheduler.js';
import type { ServiceLog } from '../engine/service-log.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { SetupGate } from './auth/setup-gate.js';
import { LiveRuns } from './live-runs.js';
import type { ServerOptions, ServiceContext } from './service-context.js';

/** The service's parts around an engine: scheduler, watcher, setup gate, log-in throttle, live runs. */
export interface Service extends ServiceContext {
  readonly watcher: DropFolderWatcher;
  /**
   * Starts the scheduler (missed runs included) and the drop-folder watcher; `scheduler: false` leaves both to
   * another instance sharing the store (the schedules can still be edited here).
   */
  start(options?: { scheduler?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Assembles the service; nothing runs before `start()`. Tests give a clock they move, and their own task runner
 * when they only check when tasks fire.
 */
export function createService(
  engine: Engine,
  options: { server: ServerOptions; log: ServiceLog; clock?: Clock; setupCode?: string; runTask?: ConstructorParameters<typeof Scheduler>[1]['runTask'] },
): Service {
  const clock = options.clock ?? systemClock;
  const scheduler = new Scheduler(engine, {
    clock,
    log: options.log,
    runTask: options.runTask ?? ((task, firedAt) => runScheduledTask(engine, task, { log: options.log, now: firedAt })),
  });
  const watcher = new DropFolderWatcher(engine, { clock, log: options.log });
  const live = new LiveRuns(engine);
  return {
    engine,
    scheduler,
    watcher,
    live,
    setup: new SetupGate(options.setupCode),
    throttle: new LoginThrottle(),
    options: options.server,
    async start({ scheduler: schedules = true } = {}) {
      if (!schedules) return;
      await scheduler.start();
      watcher.start();
    },
    async stop() {
      await Promise.all([scheduler.stop(), watcher.stop()]);
      live.close();
    },
  };
}
