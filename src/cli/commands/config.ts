import type { Command } from 'commander';
import { SETTINGS } from '../../settings/registry.js';
import { settingDefinition } from '../../settings/settings-store.js';
import { CLI_LANG, EXIT, labelled, say, withEngine } from '../cli-context.js';

const show = (value: unknown) => (value === '\t' ? 'TAB' : JSON.stringify(value));

/** `config set` accepts what `config get` shows: TAB for a tab option (a tab is hard to type in a shell). */
function parseShown(key: string, value: string): string {
  const definition = settingDefinition(key);
  const tabOption = definition.type === 'select' && definition.options.some((option) => option.value === '\t');
  return tabOption && value.toUpperCase() === 'TAB' ? '\t' : value;
}

export function registerConfigCommand(program: Command): void {
  const config = program.command('config').description(say({ en: 'read and change settings', fr: 'lire et modifier les réglages' }));

  config
    .command('list')
    .option('--section <name>', say({ en: 'only one section', fr: 'une seule section' }))
    .description(say({ en: 'every setting with its value and label', fr: 'chaque réglage avec sa valeur et son libellé' }))
    .action((options: { section?: string }, command: Command) =>
      withEngine(command, async (engine) => {
        const values = (await engine.settings.snapshot()).all();
        for (const definition of SETTINGS) {
          if (options.section && definition.section !== options.section) continue;
          const value = values.get(definition.key);
          const marker = value === definition.default ? ' ' : '*';
          console.log(`${marker} ${definition.section.padEnd(12)} ${definition.key.padEnd(36)} ${show(value).padEnd(16)} ${definition.label[CLI_LANG]}`);
        }
        return EXIT.ok;
      }),
    );

  config
    .command('get <key>')
    .description(say({ en: 'one setting, with its help', fr: 'un réglage, avec son aide' }))
    .action((key: string, _options: unknown, command: Command) =>
      withEngine(command, async (engine) => {
        const definition = settingDefinition(key);
        const value = (await engine.settings.snapshot()).all().get(key);
        console.log(`${key} = ${show(value)}`);
        console.log(`${definition.label[CLI_LANG]} — ${definition.help[CLI_LANG]}`);
        if (definition.type === 'select') {
          console.log(definition.options.map((option) => `  ${show(option.value)}: ${option.label[CLI_LANG]}`).join('\n'));
        }
        console.log(labelled({ en: 'default', fr: 'défaut' }, show(definition.default)));
        return EXIT.ok;
      }),
    );

  config
    .command('set <key> <value>')
    .description(say({ en: 'change a setting (the others stay as they are)', fr: 'modifier un réglage (les autres restent inchangés)' }))
    .action((key: string, value: string, _options: unknown, command: Command) =>
      withEngine(command, async (engine) => {
        await engine.settings.save({ [key]: parseShown(key, value) });
        console.log(`${key} = ${show((await engine.settings.snapshot()).all().get(key))}`);
        return EXIT.ok;
      }),
    );

  config
    .command('reset <keys...>')
    .description(say({ en: 'go back to the default of settings', fr: 'revenir à la valeur par défaut de réglages' }))
    .action((keys: string[], _options: unknown, command: Command) =>
      withEngine(command, async (engine) => {
        await engine.settings.reset(keys);
        return EXIT.ok;
      }),
    );
}
