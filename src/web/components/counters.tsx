import type { Run } from '../api/types';
import { EN, type MessageKey } from '../i18n/en';
import { useI18n, type I18n } from '../i18n/i18n';

const ROW_COUNTERS = ['read', 'ok', 'skipped', 'errors'] as const;

/** Every counter of a run as flat `key → number` pairs (the API nests entity counters under `entities`). */
function flatten(counters: Run['counters']): [string, number][] {
  const pairs: [string, number][] = [];
  for (const [key, value] of Object.entries(counters ?? {})) {
    if (typeof value === 'number') pairs.push([key, value]);
    else if (value && typeof value === 'object') for (const [inner, count] of Object.entries(value)) pairs.push([inner, count]);
  }
  return pairs;
}

/** `user.created` → "Users created" / "Utilisateurs créés"; unknown parts are shown as they are. */
function counterLabel(i18n: I18n, key: string): string {
  const known = (candidate: string): candidate is MessageKey => candidate in EN;
  const direct = `counter.${key}`;
  if (known(direct)) return i18n.t(direct);
  const [entity, outcome] = key.split('.');
  const entityKey = `entity.${(entity ?? '').replace(/s$/, '')}`;
  const outcomeKey = `outcome.${outcome}`;
  const entityText = known(entityKey) ? i18n.t(entityKey) : entity;
  const outcomeText = outcome === undefined ? '' : known(outcomeKey) ? i18n.t(outcomeKey) : outcome;
  return `${entityText} ${outcomeText}`.trim();
}

/** The counters of a run: rows first (read, done, skipped, errors), then what happened to each kind of entity. */
export function Counters({ run }: { run: Run }) {
  const i18n = useI18n();
  const pairs = flatten(run.counters);
  const rows = ROW_COUNTERS.map((key) => [key, pairs.find(([name]) => name === key)?.[1] ?? 0] as const);
  const entities = pairs.filter(([key]) => !(ROW_COUNTERS as readonly string[]).includes(key));
  return (
    <div className="counters">
      <dl className="counter-row">
        {rows.map(([key, value]) => (
          <div key={key} className={`counter counter-${key}`}>
            <dt>{counterLabel(i18n, key)}</dt>
            <dd>{i18n.number(value)}</dd>
          </div>
        ))}
      </dl>
      {entities.length > 0 && (
        <dl className="counter-entities">
          {entities.map(([key, value]) => (
            <div key={key}>
              <dt>{counterLabel(i18n, key)}</dt>
              <dd>{i18n.number(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
