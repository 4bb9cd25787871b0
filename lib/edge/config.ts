// `config()`: the Worker's settings, validated (once per isolate) and passed on as `c.var.config`.
import { createMiddleware } from 'hono/factory';
import { loadConfig } from '../config/index.ts';
import type { EdgeEnv } from './types.ts';

export const config = () =>
  createMiddleware<EdgeEnv>(async (c, next) => {
    c.set('config', loadConfig(c.env));
    await next();
  });
