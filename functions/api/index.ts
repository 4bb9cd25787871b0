// The REST API for scripts and other front ends: each endpoint one file, a Hono app served at /api/<name>.
import { chat } from './chat.ts';

export const api = { chat };
