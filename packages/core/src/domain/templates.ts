/** Template placeholders: `{{param:name}}` the agent fills; `{{customer.name}}` etc. fill themselves. */
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

export function templateParams(body: string): string[] {
  const out = new Set<string>();
  for (const m of body.matchAll(PLACEHOLDER)) {
    const key = m[1]!;
    if (key.startsWith('param:')) out.add(key.slice(6).trim());
  }
  return [...out];
}

/** Fills system placeholders from `context`; agent params from `params`; unknown ones stay as typed. */
export function renderTemplate(body: string, context: Record<string, string>, params: Record<string, string> = {}): string {
  return body.replace(PLACEHOLDER, (whole, rawKey: string) => {
    const key = rawKey.trim();
    if (key.startsWith('param:')) return params[key.slice(6).trim()] ?? whole;
    return context[key] ?? whole;
  });
}
