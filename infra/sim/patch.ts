// Patch bodies the API accepts: JSON merge patch (RFC 7386), strategic merge patch (maps merge, lists replace),
// and JSON patch (RFC 6902).

export class PatchError extends Error {}

// biome-ignore lint/suspicious/noExplicitAny: patches walk arbitrary JSON
type Json = any;

const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** RFC 7386: null deletes, objects merge, everything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/**
 * Strategic merge patch as far as the fixture needs it: maps merge like a merge patch; lists of containers
 * and env merge by `name` (their patch merge key), other lists replace; `$patch`/`$retainKeys` directives
 * are not supported and say so.
 */
export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (
      key.startsWith('$') ||
      key.startsWith('$setElementOrder/') ||
      key.startsWith('$deleteFromPrimitiveList/')
    )
      throw new PatchError(`strategic merge patch directive ${key} is not supported by the fixture server`);
    if (value === null) delete result[key];
    else if (
      Array.isArray(value) &&
      Array.isArray(result[key]) &&
      value.every((v) => isObject(v) && typeof v.name === 'string')
    )
      result[key] = mergeByName(result[key], value);
    else result[key] = strategicMergePatch(result[key], value);
  }
  return result;
}

function mergeByName(target: Json[], patch: Json[]): Json[] {
  const merged = [...target];
  for (const item of patch) {
    const at = merged.findIndex((existing) => isObject(existing) && existing.name === item.name);
    if (at >= 0) merged[at] = strategicMergePatch(merged[at], item);
    else merged.push(structuredClone(item));
  }
  return merged;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`JSON patch path must start with '/': ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(document: Json, parts: string[], path: string): { parent: Json; key: string } {
  let parent = document;
  for (const part of parts.slice(0, -1)) {
    parent = Array.isArray(parent) ? parent[Number(part)] : isObject(parent) ? parent[part] : undefined;
    if (parent === undefined) throw new PatchError(`JSON patch path ${path}: ${part} does not exist`);
  }
  return { parent, key: parts[parts.length - 1]! };
}

function read(document: Json, path: string): Json {
  let value = document;
  for (const part of pointer(path)) {
    value = Array.isArray(value) ? value[Number(part)] : isObject(value) ? value[part] : undefined;
    if (value === undefined) throw new PatchError(`JSON patch path ${path} does not exist`);
  }
  return value;
}

/** RFC 6902 operations: add, remove, replace, move, copy, test. */
export function jsonPatch(target: Json, operations: Json): Json {
  if (!Array.isArray(operations)) throw new PatchError('a JSON patch must be an array of operations');
  let document = structuredClone(target);
  for (const [index, operation] of operations.entries()) {
    if (!isObject(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string')
      throw new PatchError(`JSON patch operation ${index} needs op and path`);
    const { op, path } = operation;
    const parts = pointer(path);
    const put = (value: Json, replace: boolean) => {
      if (parts.length === 0) {
        document = value;
        return;
      }
      const { parent, key } = parentOf(document, parts, path);
      if (Array.isArray(parent)) {
        const at = key === '-' ? parent.length : Number(key);
        if (!Number.isInteger(at) || at < 0 || at > parent.length)
          throw new PatchError(`JSON patch path ${path}: bad index`);
        parent.splice(at, replace ? 1 : 0, value);
      } else if (isObject(parent)) {
        if (replace && !(key in parent)) throw new PatchError(`JSON patch replace: ${path} does not exist`);
        parent[key] = value;
      } else throw new PatchError(`JSON patch path ${path}: parent is not an object or array`);
    };
    const remove = () => {
      const { parent, key } = parentOf(document, parts, path);
      if (Array.isArray(parent) && Number(key) < parent.length) parent.splice(Number(key), 1);
      else if (isObject(parent) && key in parent) delete parent[key];
      else throw new PatchError(`JSON patch remove: ${path} does not exist`);
    };
    switch (op) {
      case 'add':
        put(structuredClone(operation.value), false);
        break;
      case 'replace':
        put(structuredClone(operation.value), true);
        break;
      case 'remove':
        remove();
        break;
      case 'copy':
        put(structuredClone(read(document, String(operation.from))), false);
        break;
      case 'move': {
        const value = read(document, String(operation.from));
        const from = pointer(String(operation.from));
        const { parent, key } = parentOf(document, from, String(operation.from));
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
        put(value, false);
        break;
      }
      case 'test':
        if (JSON.stringify(read(document, path)) !== JSON.stringify(operation.value))
          throw new PatchError(`JSON patch test failed at ${path}`);
        break;
      default:
        throw new PatchError(`JSON patch operation ${index}: unknown op ${op}`);
    }
  }
  return document;
}

export const PATCH_TYPES = [
  'application/strategic-merge-patch+json',
  'application/merge-patch+json',
  'application/json-patch+json',
] as const;

/** Applies a patch body of the given Content-Type; unknown types are the caller's 415. */
export function applyPatch(contentType: string, target: Json, patch: Json): Json {
  if (contentType === 'application/json-patch+json') return jsonPatch(target, patch);
  if (contentType === 'application/merge-patch+json') return mergePatch(target, patch);
  return strategicMergePatch(target, patch);
}
