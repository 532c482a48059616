type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Applies a partial update the way JSON Merge Patch (RFC 7386) does, so that
 * `{ "description": { "it": "..." } }` changes the Italian text and keeps the others;
 * unlike RFC 7386, `null` sets a field to null rather than removing it (every field exists).
 */
export function mergePatch(target: Json, patch: Json): Json {
  const result: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    result[key] = isObject(value) && isObject(target[key]) ? mergePatch(target[key], value) : value;
  }
  return result;
}
