// One seed for every property in a run: CI runs are repeatable (a red run reproduces with the same seed), and
// `FUZZ_SEED=random npx vitest run test/fuzz` explores new inputs (the seed is printed when a property fails).
import fc from 'fast-check';

const chosen = process.env.FUZZ_SEED;
const seed = chosen === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : Number(chosen ?? 20_261_202);
fc.configureGlobal({ seed });
