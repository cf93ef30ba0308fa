import { posix } from 'node:path';
import { formatStamp } from './stamp.js';

/**
 * Names of the files a run leaves, exactly as the original names them (spec 2.8–2.10). Paths are inside the
 * command file area; `input` is the input's area path (`incoming/users.csv`).
 */
export function outputNames(input: string, started: Date) {
  const stamp = formatStamp(started);
  const folder = posix.dirname(input) === '.' ? '' : `${posix.dirname(input)}/`;
  const name = posix.basename(input);
  const dot = name.lastIndexOf('.');
  // Without an extension the original's name ends with a dot: `list_tryback_20261122-1830.`
  const [base, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, ''];
  return {
    /** `reports/<YYYYMMDD-HHMM>_report_<name>` */
    report: `reports/${stamp}_report_${name}`,
    /** `reports/<YYYYMMDD-HHMM>_simulation_report_<name>`: a simulation never overwrites a real run's report. */
    simulationReport: `reports/${stamp}_simulation_report_${name}`,
    /** `archives/<YYYYMMDD-HHMM>_<name>` */
    archive: `archives/${stamp}_${name}`,
    /** `<base>_tryback_<YYYYMMDD-HHMM>.<ext>` next to the input. */
    tryback: `${folder}${base}_tryback_${stamp}.${extension}`,
    /** `<name>-tryback-failed<.ext>`: the input of a run that crashed, with `discardfileonfailure`. */
    failed: `${folder}${base}-tryback-failed${dot > 0 ? `.${extension}` : ''}`,
  };
}
