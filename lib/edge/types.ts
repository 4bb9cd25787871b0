// What every edge handler sees: the Worker's bindings and the values the middleware pass on with `c.set`.
import type { Config, Env } from '../config/index.ts';

/** A request body as it arrived, read once within its cap: the text and the exact bytes signatures cover. */
export interface RawBody {
  text: string;
  bytes: Uint8Array;
}

export type EdgeEnv = {
  Bindings: Env;
  Variables: { config: Config; body: RawBody };
};
