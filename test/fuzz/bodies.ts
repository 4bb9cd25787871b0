// Bodies to fuzz a route with: junk of every kind (text, JSON of any shape, deep nesting, huge strings) and a
// valid body of the route with one field broken (a wrong type, a missing key), as fast-check arbitraries.
import fc from 'fast-check';

/** `[[[…]]]` or `{"a":{"a":…}}` this deep. */
const deeplyNested = fc
  .tuple(fc.integer({ min: 64, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

/** A string field far past any limit the schemas set, in a body still under the route's size cap. */
const hugeString = fc
  .tuple(
    fc.constantFrom('receiver', 'text', 'app', 'kind', 'destination'),
    fc.integer({ min: 4_096, max: 600_000 }),
  )
  .map(([key, length]) => JSON.stringify({ [key]: 'x'.repeat(length) }));

/** Anything a sender might get wrong: not JSON, JSON of another shape, too deep, too long. */
export const junk = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.jsonValue({ maxDepth: 5 }).map((value) => JSON.stringify(value)),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value).slice(0, -1)),
  deeplyNested,
  hugeString,
);

type Json = unknown;

/** Every path to a value inside `value` (object keys and array indexes), the root excluded. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function replaced(value: Json, path: (string | number)[], next: Json | typeof DELETE): Json {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    Json
  >;
  if (rest.length === 0 && next === DELETE) delete copy[head!];
  else copy[head!] = replaced(copy[head!], rest, next);
  return copy;
}
const DELETE = Symbol('delete');

/** `valid` with one value, anywhere in it, replaced by a value of any type or removed. */
export const broken = (valid: Json) => {
  const paths = pathsOf(valid);
  return fc
    .tuple(
      fc.constantFrom(...paths),
      fc.oneof(
        fc.constant(DELETE),
        fc.jsonValue({ maxDepth: 2 }),
        fc.string({ maxLength: 50_000 }),
        fc.double(),
      ),
    )
    .map(([path, next]) => JSON.stringify(replaced(valid, path, next)));
};

/** A body of `bytes` bytes: one JSON string value, just past a cap. */
export const bodyOfSize = (bytes: number) => `{"a":"${'x'.repeat(Math.max(0, bytes - 8))}"}`;
