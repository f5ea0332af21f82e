import { Type, types } from 'avsc';

/**
 * Turns an event written as plain JSON (timestamps as ISO 8601 text, as JSON.stringify writes
 * a Date) into the value avsc encodes, guided by the event's Type. Only timestamp-millis needs
 * converting: dates, decimals and uuids are text on both sides. Used for contracts/examples and
 * for tools that read events from JSON files.
 */
export function eventFromJson(type: Type, json: unknown): unknown {
  if (json === null || json === undefined) return json;
  if (Type.isType(type, 'logical:timestamp-millis')) {
    return typeof json === 'string' ? new Date(json) : json;
  }
  if (type instanceof types.RecordType) return recordFromJson(type, json);
  if (type instanceof types.ArrayType) {
    return Array.isArray(json) ? json.map((item) => eventFromJson(type.itemsType, item)) : json;
  }
  if (type instanceof types.MapType) return mapFromJson(type.valuesType as Type, json);
  if (type instanceof types.UnwrappedUnionType) {
    const nonNull = type.types.filter((branch) => !Type.isType(branch, 'null'));
    return nonNull.length === 1 ? eventFromJson(nonNull[0], json) : json;
  }
  return json;
}

function recordFromJson(type: types.RecordType, json: unknown): unknown {
  if (typeof json !== 'object' || Array.isArray(json)) return json;
  const source = json as Record<string, unknown>;
  const value: Record<string, unknown> = { ...source };
  for (const field of type.fields) {
    if (field.name in source) value[field.name] = eventFromJson(field.type, source[field.name]);
  }
  return value;
}

function mapFromJson(valuesType: Type, json: unknown): unknown {
  if (typeof json !== 'object' || Array.isArray(json)) return json;
  return Object.fromEntries(
    Object.entries(json as Record<string, unknown>).map(([key, item]) => [
      key,
      eventFromJson(valuesType, item),
    ]),
  );
}
