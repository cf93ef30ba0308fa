/** An exception a Moodle external function throws; the double answers it as webservice_rest_server does (HTTP 200). */
export class MoodleError extends Error {
  constructor(readonly exception: string, readonly errorcode: string, message: string, readonly debuginfo?: string) {
    super(message);
  }
}

/** invalid_parameter_exception: the generic message, the reason only in debuginfo. */
export const invalidParameter = (debuginfo: string) =>
  new MoodleError('core\\exception\\invalid_parameter_exception', 'invalidparameter', 'Invalid parameter value detected', debuginfo);

/** dml_missing_record_exception, as a MUST_EXIST lookup throws. */
export const missingRecord = (table: string) =>
  new MoodleError('dml_missing_record_exception', 'invalidrecord', `Can't find data record in database table ${table}.`, `SELECT * FROM {${table}} WHERE id = ?`);

/** moodle_exception with a core language string. */
export const moodleException = (errorcode: string, message: string, debuginfo?: string) =>
  new MoodleError('core\\exception\\moodle_exception', errorcode, message, debuginfo);
