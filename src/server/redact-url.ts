/** A URL as logs may show it: the values of `code` and `token` query parameters masked. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:code|token|access_token)=)[^&#]*/giu, '$1[redacted]');
}
