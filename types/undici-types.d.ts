// Stands in for `undici-types` when lib/ and functions/ are type-checked alone (tsconfig.lib.json): @google/genai's
// gaxios imports it, and it drags in @types/node, which would let Node globals type-check in code that runs in workerd.
export type BodyInit = unknown;
