/** A parsed PHP request value: strings at the leaves, arrays for consecutive numeric keys, objects otherwise. */
export type PhpValue = string | PhpValue[] | { [key: string]: PhpValue };

/**
 * Reads a form body as PHP does, including its `max_input_vars` cut: only the first `maxInputVars` fields are
 * kept and the rest is dropped without an error (PHP only logs a warning), then bracket keys build the arrays.
 */
export function parsePhpForm(body: string, maxInputVars: number): { params: Record<string, PhpValue>; fields: number; dropped: number } {
  const pairs = body === '' ? [] : body.split('&').map((pair) => {
    const [key, value = ''] = pair.split('=');
    const decode = (text: string) => decodeURIComponent(text.replaceAll('+', ' '));
    return [decode(key!), decode(value)] as const;
  });
  const kept = pairs.slice(0, maxInputVars);
  const root: Record<string, PhpValue> = {};
  for (const [key, value] of kept) {
    const [, head, rest = ''] = /^([^[]+)(.*)$/.exec(key) ?? [];
    if (!head) continue;
    const path = [head, ...[...rest.matchAll(/\[([^\]]*)\]/g)].map((match) => match[1]!)];
    let node: Record<string, PhpValue> = root;
    for (const [index, part] of path.entries()) {
      if (index === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, PhpValue>;
    }
  }
  return { params: listsOf(root) as Record<string, PhpValue>, fields: pairs.length, dropped: pairs.length - kept.length };
}

/** Objects keyed 0..n-1 become arrays, as PHP lists do. */
function listsOf(value: PhpValue): PhpValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((key) => [key, listsOf(value[key]!)] as const);
  if (keys.length && keys.every((key, index) => key === String(index))) return entries.map(([, item]) => item);
  return Object.fromEntries(entries);
}
