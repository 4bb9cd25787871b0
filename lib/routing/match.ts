// Which rules an event matches, in order: the first match wins unless it says `continue`.
import { type Destination, destinationKey } from '../chat/index.ts';
import { globMatcher } from './glob.ts';
import type { RouteEvent, RouteRule, Routes } from './schema.ts';

/** A field the rule leaves unset matches anything; a field it sets needs the event to have a matching value. */
function matches(rule: RouteRule, event: RouteEvent): boolean {
  const among = (values: readonly string[] | undefined, value: string | undefined) =>
    values === undefined || (value !== undefined && values.includes(value));
  const globbed = (patterns: readonly string[] | undefined, value: string | undefined) =>
    patterns === undefined || (value !== undefined && patterns.some((p) => globMatcher(p)(value)));
  return (
    among(rule.source, event.source) &&
    among(rule.severity, event.severity?.toLowerCase()) &&
    globbed(rule.namespace, event.namespace) &&
    globbed(rule.cluster, event.cluster)
  );
}

/**
 * The targets of every matching rule up to the first one without `continue`, each target once; undefined when
 * no rule matches (the caller's default applies then, as Alertmanager's root route does).
 */
export function routeTargets(routes: Routes, event: RouteEvent): Destination[] | undefined {
  const targets = new Map<string, Destination>();
  let matched = false;
  for (const rule of routes) {
    if (!matches(rule, event)) continue;
    matched = true;
    for (const target of rule.to) targets.set(destinationKey(target), target);
    if (!rule.continue) break;
  }
  return matched ? [...targets.values()] : undefined;
}
