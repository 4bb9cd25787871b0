// The part of `cloudflare:test` (@cloudflare/vitest-pool-workers) these tests use, typed without workers-types.
declare module 'cloudflare:test' {
  export const SELF: { fetch(input: string | Request, init?: RequestInit): Promise<Response> };
  export const env: Record<string, string | undefined>;
}
