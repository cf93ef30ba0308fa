import type { FastifyInstance } from 'fastify';
import { localizedMessage, ToolSyncError } from '../../../errors.js';
import { SETTINGS } from '../../../settings/registry.js';
import { SETTING_SECTIONS } from '../../../settings/setting-definition.js';
import { settingDefinition, validateSetting } from '../../../settings/settings-store.js';
import { presentSetting, SECTION_LABELS } from '../../presenters/present-setting.js';
import { langOf } from '../../request-lang.js';
import { SERVER_CATALOGUE } from '../../server-catalogue.js';
import { SERVER_INVALID } from '../../server-errors.js';
import type { ServiceContext } from '../../service-context.js';

/** The settings, grouped as the console shows them, with labels and help in both languages. */
export async function settingsRoutes(app: FastifyInstance, context: ServiceContext): Promise<void> {
  const read = async () => {
    const values = (await context.engine.settings.snapshot()).all();
    return {
      groups: SETTING_SECTIONS.map((section) => ({
        id: section,
        label: SECTION_LABELS[section],
        settings: SETTINGS.filter((definition) => definition.section === section).map((definition) =>
          presentSetting(definition, values.get(definition.key)!),
        ),
      })).filter((group) => group.settings.length > 0),
    };
  };

  app.get('/api/v1/settings', { schema: { tags: ['settings'], summary: 'Every setting with its value, label and help' } }, read);

  app.patch<{ Body: Record<string, unknown> }>('/api/v1/settings', {
    schema: { tags: ['settings'], summary: 'Save some settings (keys not sent are untouched); all or nothing', body: { type: 'object', additionalProperties: true } },
  }, async (request) => {
    const problems: string[] = [];
    for (const [key, value] of Object.entries(request.body)) {
      try {
        validateSetting(settingDefinition(key), value);
      } catch (error) {
        if (!(error instanceof ToolSyncError)) throw error;
        problems.push(localizedMessage(error, SERVER_CATALOGUE, langOf(request)));
      }
    }
    if (problems.length) throw SERVER_INVALID({ detail: problems.join(' · ') });
    await context.engine.settings.save(request.body);
    request.log.info({ keys: Object.keys(request.body) }, 'settings saved');
    return read();
  });
}
