import { describe, expect, it } from 'vitest';
import type { Bilingual } from '../errors.js';
import { SETTINGS } from './registry.js';
import { SERVICE_SETTINGS } from './service-settings.js';
import { SETTING_SECTIONS, type SettingSection } from './setting-definition.js';

/** Labels that read the same in both languages because they are technical names, not words. */
const TECHNICAL_TOKENS = new Set(['CSV', 'UTF-8', 'ISO-8859-1', 'Windows-1252']);

/** Every label of the catalogue (settings and select options), with where it comes from. */
function allLabels(): { where: string; label: Bilingual }[] {
  return SETTINGS.flatMap((s) => [
    { where: s.key, label: s.label },
    ...(s.type === 'select' ? s.options.map((o) => ({ where: `${s.key}=${JSON.stringify(o.value)}`, label: o.label })) : []),
  ]);
}

describe('settings registry', () => {
  it('has unique keys', () => {
    const keys = SETTINGS.map((s) => s.key);
    const duplicates = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(duplicates).toEqual([]);
  });

  it('uses lower-case snake keys', () => {
    const bad = SETTINGS.map((s) => s.key).filter((k) => !/^[a-z][a-z0-9_]*$/.test(k));
    expect(bad).toEqual([]);
  });

  it('puts every entry in a known section, in the order of SETTING_SECTIONS', () => {
    const order = (section: SettingSection) => SETTING_SECTIONS.indexOf(section);
    for (const s of SETTINGS) expect(SETTING_SECTIONS, s.key).toContain(s.section);
    const positions = SETTINGS.map((s) => order(s.section));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('has a non-empty English and French label and help on every entry', () => {
    for (const s of SETTINGS) {
      expect(s.label.en.trim(), `${s.key} label.en`).not.toBe('');
      expect(s.label.fr.trim(), `${s.key} label.fr`).not.toBe('');
      expect(s.help.en.trim(), `${s.key} help.en`).not.toBe('');
      expect(s.help.fr.trim(), `${s.key} help.fr`).not.toBe('');
      expect(s.help.fr, `${s.key} help is not translated`).not.toBe(s.help.en);
    }
  });

  it('translates every label, options included, unless it is a technical token', () => {
    for (const { where, label } of allLabels()) {
      expect(label.en.trim(), `${where} label.en`).not.toBe('');
      expect(label.fr.trim(), `${where} label.fr`).not.toBe('');
      if (!TECHNICAL_TOKENS.has(label.en)) expect(label.fr, `${where} label is not translated`).not.toBe(label.en);
    }
  });

  it('gives every select distinct options and a default among them', () => {
    for (const s of SETTINGS) {
      if (s.type !== 'select') continue;
      const values = s.options.map((o) => o.value);
      expect(values.length, s.key).toBeGreaterThan(0);
      expect(new Set(values).size, `${s.key} has duplicate options`).toBe(values.length);
      expect(values, `${s.key} default`).toContain(s.default);
    }
  });

  it('gives every integer a whole default within its bounds', () => {
    for (const s of SETTINGS) {
      if (s.type !== 'integer') continue;
      expect(Number.isInteger(s.default), s.key).toBe(true);
      expect(s.default, `${s.key} below min`).toBeGreaterThanOrEqual(s.min);
      if (s.max !== undefined) {
        expect(s.max, `${s.key} max below min`).toBeGreaterThanOrEqual(s.min);
        expect(s.default, `${s.key} above max`).toBeLessThanOrEqual(s.max);
      }
    }
  });

  it('keeps the original keys', () => {
    const keys = new Set(SETTINGS.map((s) => s.key));
    for (const key of [
      'users_filelocation',
      'users_primaryidentity',
      'courses_primaryidentity',
      'enrols_filelocation',
      'cohorts_filelocation',
      'groups_filelocation',
      'groupmembers_filelocation',
      'userpictures_fileprefix',
      'fileareacleanupdelay',
      'discardfileonfailure',
    ]) {
      expect(keys.has(key), key).toBe(true);
    }
  });

  it('names the default file of every file location in its help', () => {
    const defaults: Record<string, string> = {
      users_filelocation: 'userimport.csv',
      users_deletefilelocation: 'userdelete.csv',
      users_suspendfilelocation: 'usersuspend.csv',
      users_restorefilelocation: 'userrestore.csv',
      courses_fileuploadlocation: 'uploadcourses.csv',
      courses_filedeletelocation: 'deletecourses.csv',
      courses_fileexistlocation: 'courses.csv',
      courses_fileresetlocation: 'resetcourses.csv',
      courses_filemetabindinglocation: 'metacourses.csv',
      enrols_filelocation: 'enrols.csv',
      cohorts_filelocation: 'cohorts.csv',
      cohorts_coursebindingfilelocation: 'cohortscourses.csv',
      groups_filelocation: 'groups.csv',
      groupmembers_filelocation: 'groupmembers.csv',
    };
    for (const [key, file] of Object.entries(defaults)) {
      const s = SETTINGS.find((x) => x.key === key);
      expect(s?.type, key).toBe('text');
      expect(s?.default, key).toBe('');
      expect(s?.help.en, key).toContain(file);
      expect(s?.help.fr, key).toContain(file);
    }
  });

  it('marks the new keys as extensions and leaves the hidden internal keys out', () => {
    const extensions = SETTINGS.filter((s) => s.extension).map((s) => s.key);
    expect(extensions.sort()).toEqual(
      [
        'courses_defaultcategory',
        'dates_timezone',
        'moodle_concurrency',
        'moodle_maxinputvars',
        'moodle_rolemap',
        'moodle_url',
        'platform',
        'reportlang',
        'users_restorefilelocation',
        'users_uploadmode',
        'users_updatemode',
        'mail_from',
        'mail_sitename',
        ...SERVICE_SETTINGS.map((s) => s.key),
      ].sort(),
    );
    const keys = SETTINGS.map((s) => s.key);
    expect(keys.filter((k) => k.startsWith('lastrunning_') || ['simulate', 'emulatecommunity', 'version'].includes(k))).toEqual([]);
  });
});
