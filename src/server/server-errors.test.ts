import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../engine/error-catalogue.js';
import * as serverErrors from './server-errors.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('service API error codes', () => {
  const factories = Object.values(serverErrors);

  it.each(factories.map((factory) => [factory.code, factory] as const))('%s reads in English and French with the same placeholders', (code, factory) => {
    expect(code).toMatch(/^SERVER_[A-Z_]+$/);
    expect(ERROR_CATALOGUE.has(code)).toBe(false);
    expect(factory.text.fr).not.toBe(factory.text.en);
    expect(placeholders(factory.text.fr)).toEqual(placeholders(factory.text.en));
  });

  it('are documented in docs/errors.md', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'errors.md'), 'utf8');
    expect(factories.map((factory) => factory.code).filter((code) => !doc.includes(`\`${code}\``))).toEqual([]);
  });
});
