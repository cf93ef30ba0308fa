import { checkKeys, int, listOf, type WsFunctionHandler } from './double-env.js';
import { invalidParameter } from './moodle-exceptions.js';

/**
 * enrol_meta_add_instances / enrol_meta_delete_instances: PARTIAL, with no transaction: items are applied in order
 * and an exception stops the loop, what came before it staying. An existing link (enabled or not) answers status
 * false and is left as it is; a new one is added and its meta course synced at once (the embedded rules).
 */
function links(add: boolean): WsFunctionHandler {
  return async (params, env) => {
    const items = listOf(params, 'instances');
    if (!items.length) throw invalidParameter('wsnoinstancesspecified');
    const answer: { metacourseid: number; courseid: number; status: boolean }[] = [];
    for (const item of items) {
      checkKeys(item, ['metacourseid', 'courseid'], add ? ['creategroup'] : []);
      const metacourseid = int(item.metacourseid, 'metacourseid');
      const courseid = int(item.courseid, 'courseid');
      const exists = async (id: number) => Boolean(await env.store.db.selectFrom('lms_course').select('id').where('id', '=', id).executeTakeFirst());
      if (!(await exists(metacourseid))) throw invalidParameter(`Invalid meta course id ${metacourseid}`);
      if (!(await exists(courseid)) || courseid === metacourseid) throw invalidParameter(`Invalid course id ${courseid}`);
      const link = await env.store.db.selectFrom('lms_enrol').select('id')
        .where('enrol', '=', 'meta').where('courseid', '=', metacourseid).where('customint1', '=', courseid).executeTakeFirst();
      if (add && !link) await env.platform.run('addMetaLinks', [{ courseId: metacourseid, parentId: courseid }]);
      if (!add && link) await env.platform.run('removeMetaLinks', [{ courseId: metacourseid, parentId: courseid }]);
      answer.push({ metacourseid, courseid, status: add ? !link : Boolean(link) });
    }
    return answer;
  };
}

export const CORE_META_FUNCTIONS: Record<string, WsFunctionHandler> = {
  enrol_meta_add_instances: links(true),
  enrol_meta_delete_instances: links(false),
};
