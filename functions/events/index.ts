// The event sources: each is one file, a Hono app served at /events/<name>. Adding a source is a file and a line here.
import { alertmanager } from './alertmanager.ts';
import { argocd } from './argocd.ts';
import { line } from './line.ts';
import { slack } from './slack.ts';

export const sources = { alertmanager, argocd, line, slack };
