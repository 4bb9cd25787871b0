// Maps an alert's labels to what to diagnose: the most specific object the labels name, in its namespace.
import { alertSubject } from '../events/index.ts';
import type { Scope } from '../report/index.ts';

/** The alert's own object (see alertSubject: the exporter's labels never are), in its namespace. */
export function scopeFromAlert(labels: Record<string, string>): Scope {
  const { namespace, object } = alertSubject(labels);
  if (object) return { kind: 'alert', ...(namespace ? { namespace } : {}), object };
  return namespace ? { kind: 'alert', namespace } : { kind: 'cluster' };
}

/** What to diagnose: the alert's object when there is an alert, else the namespace, else the whole cluster. */
export function scopeFor(options: {
  alertLabels?: Record<string, string> | undefined;
  namespace?: string | undefined;
}): Scope {
  if (options.alertLabels) return scopeFromAlert(options.alertLabels);
  return options.namespace ? { kind: 'namespace', namespace: options.namespace } : { kind: 'cluster' };
}
