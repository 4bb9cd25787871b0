// Memory: the Store port and its Redis and in-process adapters.
export * from './store.ts';
