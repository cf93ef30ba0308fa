import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURE_MESSAGES, CSV_ROW_MESSAGES, ERROR_CATALOGUE, RUN_MESSAGES, ZIP_ENTRY_MESSAGES } from './engine/error-catalogue.js';
import { createError, formatMessage, ToolSyncError, type Bilingual } from './errors.js';
import { ACTIONS } from './processors/registry.js';

const ROW_MESSAGES: Record<string, Bilingual> = Object.assign(
  {},
  CSV_ROW_MESSAGES,
  CAPTURE_MESSAGES,
  RUN_MESSAGES,
  ZIP_ENTRY_MESSAGES,
  ...ACTIONS.map((action) => action.messages),
);
const THROWN = [...ERROR_CATALOGUE.values()].map((factory) => [factory.code, factory.text] as const);
const ALL = [...THROWN, ...Object.entries(ROW_MESSAGES)];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('catalogues of codes and messages', () => {
  it('holds every code once, pinned: a new code must be added to docs/errors.md and here', () => {
    expect(new Set(ALL.map(([code]) => code)).size).toBe(ALL.length);
    expect(THROWN.length).toBe(44);
    expect(Object.keys(ROW_MESSAGES).length).toBe(307);
  });

  it.each(ALL)('%s has English and French text with the same placeholders', (code, text) => {
    expect(code).toMatch(/^[A-Z]+_[A-Z_]+$/);
    expect(text.en.trim()).not.toBe('');
    expect(text.fr.trim()).not.toBe('');
    expect(text.fr).not.toBe(text.en);
    expect(placeholders(text.fr)).toEqual(placeholders(text.en));
  });

  it('documents every code in docs/errors.md', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'errors.md'), 'utf8');
    const missing = ALL.map(([code]) => code).filter((code) => !doc.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});

describe('errors', () => {
  it('fills placeholders and keeps unknown ones visible', () => {
    expect(formatMessage('{file}, line {line}: {what}', { file: 'a.csv', line: 3 })).toBe('a.csv, line 3: {what}');
    expect(formatMessage('no placeholder')).toBe('no placeholder');
  });

  it('makes ToolSyncErrors carrying code, status, params and the English message', () => {
    const factory = createError('TEST_WHAT', { en: 'bad {thing}', fr: 'mauvais {thing}' }, 422);
    const error = factory({ thing: 'row' });
    expect(error).toBeInstanceOf(ToolSyncError);
    expect(error).toMatchObject({ code: 'TEST_WHAT', statusCode: 422, message: 'bad row', params: { thing: 'row' }, expose: true });
  });
});
