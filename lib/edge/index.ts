// The edge: Hono middleware every event source and job route is built from (config, body caps, caller
// verifiers, typed JSON bodies) and the one place refusals become responses.
export * from './body.ts';
export * from './config.ts';
export * from './errors.ts';
export * from './types.ts';
export * from './verify.ts';
