import { describe, expect, it } from 'vitest';
import type { CredentialsMail } from '../../processors/processor.js';
import { escapeHtml, mailLang, renderMail } from './templates.js';

function request(lang: string, params: Partial<CredentialsMail['params']> = {}): CredentialsMail {
  return {
    kind: 'credentials',
    to: 'ada@example.org',
    lang,
    params: { username: 'ada', password: 'S3cret!x', firstname: 'Ada', lastname: 'Lovelace', ...params },
  };
}

const SITE = { name: 'Campus' };

describe('renderMail credentials', () => {
  it('writes the English mail', () => {
    const mail = renderMail(request('en'), SITE);
    expect(mail.subject).toBe('Your credentials on Campus');
    expect(mail.text).toBe(
      [
        'Hello Ada,',
        '',
        'An account has been created for you on Campus.',
        '',
        'Username: ada',
        'Password: S3cret!x',
        '',
        'Please change this password the first time you log in, and keep this message private.',
        '',
        'Best regards,',
        'Campus',
        '',
      ].join('\n'),
    );
  });

  it('writes the French mail, with the non-breaking spaces of French typography', () => {
    const mail = renderMail(request('fr'), SITE);
    expect(mail.subject).toBe('Vos identifiants sur Campus');
    expect(mail.text).toBe(
      [
        'Bonjour Ada,',
        '',
        'Un compte a été créé pour vous sur Campus.',
        '',
        'Nom d’utilisateur\u00a0: ada',
        'Mot de passe\u00a0: S3cret!x',
        '',
        'Merci de changer ce mot de passe lors de votre première connexion et de garder ce message pour vous.',
        '',
        'Cordialement,',
        'Campus',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['fr', 'fr'],
    ['fr_ca', 'fr'],
    ['fr-CA', 'fr'],
    ['FR', 'fr'],
    [' fr ', 'fr'],
    ['en', 'en'],
    ['de', 'en'],
    ['', 'en'],
    ['frr', 'en'],
  ] as const)('lang %j gives %s', (lang, expected) => {
    expect(mailLang(lang)).toBe(expected);
    expect(renderMail(request(lang), SITE).subject).toBe(expected === 'fr' ? 'Vos identifiants sur Campus' : 'Your credentials on Campus');
  });

  it('greets without a name when the first name is empty', () => {
    expect(renderMail(request('en', { firstname: '' }), SITE).text.split('\n')[0]).toBe('Hello,');
    expect(renderMail(request('fr', { firstname: ' ' }), SITE).text.split('\n')[0]).toBe('Bonjour,');
  });

  it('keeps placeholders inside values as they are', () => {
    const mail = renderMail(request('en', { firstname: '{password}', password: '{site}' }), SITE);
    expect(mail.text).toContain('Hello {password},');
    expect(mail.text).toContain('Password: {site}');
  });

  it('says the same in HTML, every value escaped', () => {
    const mail = renderMail(
      request('fr', { firstname: '<b>Ada</b>', username: 'a&b', password: `p"w'<x>` }),
      { name: 'L\'école <Nord>' },
    );
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain('<title>Vos identifiants sur L&#39;école &lt;Nord&gt;</title>');
    expect(mail.html).toContain('<p>Bonjour &lt;b&gt;Ada&lt;/b&gt;,</p>');
    expect(mail.html).toContain('<p>Nom d’utilisateur\u00a0: a&amp;b<br>\nMot de passe\u00a0: p&quot;w&#39;&lt;x&gt;</p>');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).not.toContain('<Nord>');
    // The plain text part is not HTML: values stay as typed.
    expect(mail.text).toContain('Bonjour <b>Ada</b>,');
    expect(mail.subject).toBe('Vos identifiants sur L\'école <Nord>');
  });

  it('has one paragraph per block of the text', () => {
    const mail = renderMail(request('en'), SITE);
    expect(mail.html.match(/<p>/gu)).toHaveLength(mail.text.trim().split('\n\n').length);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters of HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('renderMail digests', () => {
  const digest = (lang: string, list: string[]) =>
    renderMail({ kind: 'enrolmentDigest', to: 't@example.org', lang, params: { firstname: 'Tom', lastname: 'Teach', course: 'MATH<1>' }, list }, SITE);

  it('lists the students as dashed lines in the text and a list in the HTML, every item escaped', () => {
    const mail = digest('en', ['Ada Lovelace (ada)', 'Bob <Martin> (bob)']);
    expect(mail.subject).toBe('Campus: new students in MATH<1>');
    expect(mail.text).toContain('enrolled these students in your course MATH<1>:\n\n- Ada Lovelace (ada)\n- Bob <Martin> (bob)\n\n');
    expect(mail.html).toContain('<ul>\n<li>Ada Lovelace (ada)</li>\n<li>Bob &lt;Martin&gt; (bob)</li>\n</ul>');
    expect(mail.html).not.toContain('<Martin>');
  });

  it('writes the French digest for a French-speaking teacher', () => {
    const mail = digest('fr_ca', ['Ada Lovelace (ada)']);
    expect(mail.subject).toBe('Campus : nouveaux étudiants dans MATH<1>');
    expect(mail.text).toMatch(/^Bonjour Tom,\n\nLa dernière synchronisation des inscriptions a inscrit ces étudiants dans votre cours MATH<1>\u00a0:\n\n- Ada Lovelace \(ada\)\n/u);
  });

  it('writes the course report of the group synchronisation in both languages', () => {
    const request = { kind: 'courseReport', to: 't@example.org', params: { firstname: '', lastname: '', course: 'C1', file: 'groupmembers.csv' }, list: ['line 2: added'] } as const;
    expect(renderMail({ ...request, lang: 'en' }, SITE).text).toBe(
      'Hello,\n\nThe group synchronisation file groupmembers.csv was processed. What it did in your course C1:\n\n- line 2: added\n\n' +
        'This message was sent automatically by the group synchronisation of Campus.\n',
    );
    expect(renderMail({ ...request, lang: 'fr' }, SITE).subject).toBe('Campus : synchronisation des groupes de C1');
  });
});
