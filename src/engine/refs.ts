// `$name.path` references in flows: a node's call inputs, a switch's value, a choice list.

/** `$result.status` → vars.result.status; `$me.channel` → params.me.channel (vars first). */
export function lookup(ref: string, vars: Record<string, unknown>, params: Record<string, unknown>): unknown {
  const [head = "", ...path] = ref.slice(1).split(".");
  let value: unknown = head in vars ? vars[head] : params[head];
  for (const part of path) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

/** Every `$…` value replaced by what it refers to; other values kept. */
export function resolveAll(
  values: Record<string, unknown>,
  vars: Record<string, unknown>,
  params: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, typeof v === "string" && v.startsWith("$") ? lookup(v, vars, params) : v]),
  );
}
