import { formatMessage } from '../../errors.js';
import type { Lang } from '../../errors.js';
import type { MailRequest } from '../../processors/processor.js';
import { MAIL_CATALOGUE } from './mail-catalogue.js';

/** A rendered mail: the plain text and an HTML alternative saying the same. */
export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** French for `fr`, `fr_ca`, `fr-CA`…; English for every other language. */
export function mailLang(lang: string): Lang {
  return /^fr(?:$|[_-])/iu.test(lang.trim()) ? 'fr' : 'en';
}

/**
 * The mail a request asks for, in the recipient's language; every value is escaped in the HTML part. A
 * paragraph that is exactly `{list}` holds the request's list: dashed lines in the text, a list in the HTML.
 */
export function renderMail(request: MailRequest, site: { readonly name: string }): RenderedMail {
  const lang = mailLang(request.lang);
  const template = MAIL_CATALOGUE[request.kind][lang];
  const params: Record<string, string> = { ...request.params, site: site.name };
  const list = 'list' in request ? request.list : [];
  const greeting = request.params.firstname.trim() === '' ? template.greetingNoName : template.greeting;
  const paragraphs = [[greeting], ...template.paragraphs];
  const isList = (lines: readonly string[]) => lines.length === 1 && lines[0] === LIST;

  const text = paragraphs
    .map((lines) => (isList(lines) ? list.map((item) => `- ${item}`) : lines.map((line) => formatMessage(line, params))).join('\n'))
    .join('\n\n');

  const escapedParams = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, escapeHtml(value)]));
  const fill = (line: string) => formatMessage(escapeHtml(line), escapedParams);
  const subject = formatMessage(template.subject, params);
  const body = paragraphs
    .map((lines) =>
      isList(lines)
        ? `<ul>\n${list.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`
        : `<p>${lines.map(fill).join('<br>\n')}</p>`,
    )
    .join('\n');
  const html =
    `<!DOCTYPE html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(subject)}</title>\n</head>\n` +
    `<body>\n${body}\n</body>\n</html>\n`;

  return { subject, text: `${text}\n`, html };
}

/** The paragraph a template's list goes in. */
const LIST = '{list}';

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe inside HTML elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (character) => HTML_ENTITIES[character]!);
}
