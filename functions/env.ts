// The Worker's bindings: plain vars and secrets from wrangler.toml / `wrangler secret put` (see README).
export type Env = Record<string, string | undefined>;

export type AppEnv = { Bindings: Env };
