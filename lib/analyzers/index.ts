// The analyzers: one per file behind the `Analyzer` interface, listed once in the registry below.
import { crashLoop } from './crashloop.ts';
import { serviceNoEndpoints } from './service-endpoints.ts';
import type { Analyzer } from './types.ts';

export { AnalysisContext, describeRef, refOf, sameRef } from './context.ts';
export { keyLines } from './logs.ts';
export type { Analyzer, LogRequest } from './types.ts';

/** Every analyzer, in the order they run (order does not change results; the diagnosis sorts findings). */
export const analyzers: readonly Analyzer[] = [crashLoop, serviceNoEndpoints];
