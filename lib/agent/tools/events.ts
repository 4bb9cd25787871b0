// Events as the tools show them: newest first, one line each, with how long ago and how often.
import type { K8sObject } from '../../cluster/index.ts';
import { age } from '../render.ts';

function eventTime(event: K8sObject): number {
  const value =
    event.lastTimestamp ??
    event.eventTime ??
    event.series?.lastObservedTime ??
    event.metadata.creationTimestamp;
  const parsed = value ? Date.parse(String(value)) : Number.NaN;
  return Number.isNaN(parsed) ? 0 : parsed;
}

export function sortEvents(events: K8sObject[]): K8sObject[] {
  return [...events].sort((a, b) => eventTime(b) - eventTime(a));
}

export function eventLine(event: K8sObject, now: number): string {
  const count = Number(event.count ?? event.series?.count ?? 1);
  const when = eventTime(event);
  const ago = when ? age(new Date(when).toISOString(), now) : '?';
  const object = event.involvedObject ?? event.regarding ?? {};
  return `${ago} ago ${event.type ?? '?'} ${event.reason ?? '?'} ${object.kind ?? '?'}/${object.name ?? '?'}${count > 1 ? ` ×${count}` : ''}: ${String(event.message ?? event.note ?? '').slice(0, 240)}`;
}
