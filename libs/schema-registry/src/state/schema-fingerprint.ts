/**
 * The schema's JSON with object keys sorted and no whitespace: two texts with the same
 * fingerprint are the same schema, down to defaults and docs. (Parsing Canonical Form, which
 * decides ids, drops defaults and docs: see RegistryState.)
 */
export function schemaFingerprint(schema: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(schema)));
  } catch {
    return schema.trim();
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  }
  return sorted;
}
