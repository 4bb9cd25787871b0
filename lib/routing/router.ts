// The one place targets are chosen for reports nobody asked for (alerts, Argo CD, health reports): ROUTES first,
// then the older settings' destinations.
import type { Destination } from '../chat/index.ts';
import type { Config } from '../config/index.ts';
import { defaultDestinations } from './defaults.ts';
import { routeTargets } from './match.ts';
import { parseRoutes } from './parse.ts';
import type { RouteEvent } from './schema.ts';

export type Router = (event: RouteEvent) => Destination[];

/** Parses ROUTES once (a ConfigError names the bad field) and answers each event's targets. */
export function routerFor(config: Config): Router {
  const routes = config.ROUTES ? parseRoutes(config.ROUTES) : [];
  return (event) => routeTargets(routes, event) ?? defaultDestinations(config, event.source);
}
