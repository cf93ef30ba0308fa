/** Where the service's background work (schedules, watcher) writes what it did; the server gives its logger. */
export interface ServiceLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The console, for a process without a server logger. */
export const consoleLog: ServiceLog = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};
