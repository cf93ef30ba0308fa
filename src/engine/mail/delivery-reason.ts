/** The parts of a nodemailer error a reason is built from. */
interface DeliveryError {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly response?: unknown;
  readonly rejected?: unknown;
}

/**
 * A readable English reason for a failed delivery to `to`, naming the refused address when the server refused
 * a recipient. Every secret given is masked, wherever it appears.
 */
export function deliveryReason(error: unknown, to: string, secrets: readonly string[]): string {
  return redact(describe(error, to), secrets);
}

/** `text` with every occurrence of each non-empty secret replaced by `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  // Longest first: a secret containing another must not be left half masked.
  for (const secret of [...secrets].filter((value) => value !== '').sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join('***');
  }
  return result;
}

function describe(error: unknown, to: string): string {
  const details: DeliveryError = typeof error === 'object' && error !== null ? error : { message: String(error) };
  const message = typeof details.message === 'string' && details.message !== '' ? details.message : String(error);
  const response = typeof details.response === 'string' && details.response !== '' ? details.response : message;
  switch (details.code) {
    case 'EENVELOPE': {
      const rejected = Array.isArray(details.rejected) ? details.rejected.map(String) : [];
      if (rejected.length > 0) return `the mail server refused the recipient ${rejected.join(', ')}: ${response}`;
      return `the mail server refused the mail to ${to}: ${response}`;
    }
    case 'EMESSAGE':
      return `the mail server refused the mail to ${to}: ${response}`;
    case 'EAUTH':
    case 'ENOAUTH':
      return `the mail server refused the login: ${response}`;
    case 'ETIMEDOUT':
      return `the mail server did not answer in time (${message})`;
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
    case 'ECONNREFUSED':
    case 'ETLS':
    case 'EPROTOCOL':
      return `could not reach the mail server (${message})`;
    default:
      return `could not send the mail to ${to}: ${message}`;
  }
}
