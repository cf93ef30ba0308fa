import type { FastifyInstance } from 'fastify';
import { ACTIONS, actionName, isArchiveAction } from '../../../engine/actions.js';
import { settingDefinition } from '../../../settings/settings-store.js';

/** Every processor action the service can run, with the setting that locates its file. */
export async function processorsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/v1/processors', {
    schema: { tags: ['runs'], summary: 'The processor actions' },
  }, async () =>
    ACTIONS.map((action) => {
      // An archive action is located by the prefix of its archives' names.
      const locationSetting = isArchiveAction(action) ? action.prefixSetting : action.locationSetting;
      return {
        name: actionName(action),
        processor: action.processor,
        action: action.action,
        input: isArchiveAction(action) ? 'archive' : 'csv',
        locationSetting,
        defaultFile: isArchiveAction(action) ? `${String(settingDefinition(locationSetting).default)}*.zip` : action.defaultFile,
        settingsGroup: settingDefinition(locationSetting).section,
      };
    }),
  );
}
