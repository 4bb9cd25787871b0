// Routing: which chats a report goes to, by source, severity, namespace and cluster (ROUTES), with the older
// settings (SLACK_CHANNEL, LINE_ALERT_TO, ARGOCD_CHANNELS) as the default.
export { argocdDestinations, defaultDestinations } from './defaults.ts';
export { globMatcher } from './glob.ts';
export { routeTargets } from './match.ts';
export { parseRoutes } from './parse.ts';
export { type Router, routerFor } from './router.ts';
export { type RouteEvent, RouteRule, Routes } from './schema.ts';
export { argoSeverity } from './severity.ts';
