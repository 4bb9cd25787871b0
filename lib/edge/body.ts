// Bodies: `rawBody(max)` reads at most `max` bytes (413 past it, 400 for a body cut off) and keeps them for the verifiers; `jsonBody(schema)`
// parses them into the typed payload or answers 400 naming the field.
import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';
import { readBodyLimited } from '../security/index.ts';
import { describeIssues } from '../validation/index.ts';
import { refuse } from './errors.ts';
import type { EdgeEnv } from './types.ts';

export interface BodyOptions {
  /** Headers every refusal carries (a job route adds Upstash-NonRetryable-Error). */
  headers?: Record<string, string>;
}

export const rawBody = (maxBytes: number, options: BodyOptions = {}) =>
  createMiddleware<EdgeEnv>(async (c, next) => {
    const body = await readBodyLimited(c.req.raw, maxBytes);
    if (!body.ok) throw refuse(body.status, body.error, options);
    c.set('body', { text: body.text, bytes: body.bytes });
    await next();
  });

export interface JsonBodyOptions extends BodyOptions {
  /** What the body is, for the messages: `job` gives "job body is not valid JSON" and "invalid job: …". */
  name?: string;
}

/** After `rawBody`: the body parsed by `schema`, as `c.var.payload`. */
export const jsonBody = <S extends z.ZodType>(schema: S, options: JsonBodyOptions = {}) =>
  createMiddleware<EdgeEnv & { Variables: { payload: z.infer<S> } }>(async (c, next) => {
    let json: unknown;
    try {
      json = JSON.parse(c.var.body.text);
    } catch {
      throw refuse(400, `${options.name ? `${options.name} ` : ''}body is not valid JSON`, options);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error);
      throw refuse(400, options.name ? `invalid ${options.name}: ${issues}` : issues, options);
    }
    c.set('payload', parsed.data);
    await next();
  });
