// `{{name}}` and `{{me.you}}` in a locale text, filled from the parameters: the only interpolation
// the texts use. A value not given leaves the placeholder as it is, as i18next did.
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

export function fillText(text: string, params: Record<string, unknown>): string {
  if (!text.includes("{{")) return text;
  return text.replace(PLACEHOLDER, (placeholder, path: string) => {
    let value: unknown = params;
    for (const part of path.split(".")) value = value == null ? undefined : (value as Record<string, unknown>)[part];
    if (value === undefined) return placeholder;
    return value === null ? "" : String(value);
  });
}
