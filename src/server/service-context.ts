import type { Engine } from '../engine/engine.js';
import type { Scheduler } from '../engine/schedule/scheduler.js';
import type { LoginThrottle } from './auth/login-throttle.js';
import type { SetupGate } from './auth/setup-gate.js';
import type { LiveRuns } from './live-runs.js';

/** How the HTTP side of the service behaves (from the environment, see server-options.ts). */
export interface ServerOptions {
  /** Largest uploaded file, in bytes. */
  readonly uploadLimitBytes: number;
  /** Marks cookies `Secure` even over plain HTTP (behind a TLS proxy). */
  readonly secureCookies: boolean;
  /** A session ends after this long without a request. */
  readonly sessionIdleMs: number;
  /** Log-in attempts per address and minute. */
  readonly loginPerMinute: number;
  /** The built console (`dist/web/`). */
  readonly webRoot: string;
}

/** What every route of the service may use. */
export interface ServiceContext {
  readonly engine: Engine;
  readonly scheduler: Scheduler;
  readonly setup: SetupGate;
  readonly throttle: LoginThrottle;
  readonly live: LiveRuns;
  readonly options: ServerOptions;
}
