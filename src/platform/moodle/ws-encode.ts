/** A value of a web-service parameter: scalars, lists and structures, as Moodle's external API declares them. */
export type WsValue = string | number | boolean | null | undefined | readonly WsValue[] | { readonly [key: string]: WsValue };

/** The parameters of one call, by name. */
export type WsParams = { readonly [name: string]: WsValue };

/**
 * The form fields of a call in PHP bracket notation (`users[0][customfields][1][value]=HR`), one per leaf value,
 * in order. Booleans are sent as 1/0 as Moodle expects; absent (undefined) values are left out, null is sent empty.
 */
export function encodeParams(params: WsParams): [string, string][] {
  const fields: [string, string][] = [];
  const visit = (key: string, value: WsValue): void => {
    if (value === undefined) return;
    if (value === null) fields.push([key, '']);
    else if (typeof value === 'boolean') fields.push([key, value ? '1' : '0']);
    else if (typeof value !== 'object') fields.push([key, String(value)]);
    else if (Array.isArray(value)) value.forEach((item: WsValue, index: number) => visit(`${key}[${index}]`, item));
    else for (const [name, item] of Object.entries(value)) visit(`${key}[${name}]`, item);
  };
  for (const [name, value] of Object.entries(params)) visit(name, value);
  return fields;
}

/** How many `max_input_vars` a call's parameters use: every leaf field counts, nested ones included. */
export function countVars(params: WsParams): number {
  return encodeParams(params).length;
}

/** The form body of a call (`application/x-www-form-urlencoded`). */
export function formBody(fields: readonly (readonly [string, string])[]): string {
  return fields.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
}
