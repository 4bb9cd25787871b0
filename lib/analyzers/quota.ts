// QuotaExceeded: a controller cannot create pods because a ResourceQuota is used up (FailedCreate events).
import { type ClusterEvent, describeRef, refOf } from '../evidence/index.ts';
import { listText, render, type Text, verbatim } from '../i18n/index.ts';
import type { Finding } from '../report/index.ts';
import { said, sentences } from './texts.ts';
import type { Analyzer } from './types.ts';

const BINARY = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50 } as const;
const DECIMAL = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 } as const;

/** A Kubernetes quantity ("500m", "2Gi", "4") as a number, to tell which resource ran over. */
export function quantity(text: string): number | undefined {
  const match = /^([\d.]+)(Ki|Mi|Gi|Ti|Pi|m|k|M|G|T|P)?$/.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? '') as keyof typeof BINARY | keyof typeof DECIMAL;
  return (
    Number(match[1]) *
    (unit in BINARY ? BINARY[unit as keyof typeof BINARY] : DECIMAL[unit as keyof typeof DECIMAL])
  );
}

/** "requests.cpu=2,limits.memory=1Gi" as a map. */
function amounts(text: string): Map<string, string> {
  return new Map(
    text
      .split(',')
      .map((pair) => pair.trim().split('='))
      .filter((pair): pair is [string, string] => pair.length === 2),
  );
}

/**
 * The resources a new pod would push over the quota, with used/hard for each, from the admission message
 * "exceeded quota: q, requested: cpu=2, used: cpu=9, limited: cpu=10".
 */
export function quotaUse(
  message: string,
): { over: string[]; detail: string; detailText: string | Text } | undefined {
  const parts = /requested: (.+?), used: (.+?), limited: (.+?)(?:$|\s)/i.exec(message);
  if (!parts) return undefined;
  const [requested, used, limited] = [amounts(parts[1]!), amounts(parts[2]!), amounts(parts[3]!)];
  const exceeded = [...limited.keys()].filter((resource) => {
    const [ask, have, hard] = [requested, used, limited].map((m) => quantity(m.get(resource) ?? '0'));
    return ask === undefined || have === undefined || hard === undefined || have + ask > hard;
  });
  const over = exceeded.length ? exceeded : [...limited.keys()];
  const detailText = listText(
    'cluster.then',
    over.map(
      (resource): Text => ({
        key: 'cluster.quotaUse',
        params: {
          resource,
          used: used.get(resource) ?? '0',
          hard: limited.get(resource) ?? '',
          ask: requested.get(resource) ?? '0',
        },
      }),
    ),
  );
  return {
    over,
    detail: typeof detailText === 'string' ? detailText : render(detailText, 'en'),
    detailText,
  };
}

export const quotaExceeded: Analyzer = {
  name: 'quota',
  // The controllers whose FailedCreate events name the quota, by the workload kind that owns them.
  reads: {
    Deployment: ['replicaSets', 'events'],
    StatefulSet: ['statefulSets', 'events'],
    DaemonSet: ['daemonSets', 'events'],
    Job: ['jobs', 'events'],
    ResourceQuota: ['resourceQuotas'],
  },
  followUps: (context) =>
    context.list('events').some((event) => /exceeded quota/i.test(String(event.message ?? event.note ?? '')))
      ? ['resourceQuotas']
      : [],
  analyze(context) {
    const findings: Finding[] = [];
    const controllers = [
      ...context.list('replicaSets'),
      ...context.list('statefulSets'),
      ...context.list('daemonSets'),
      ...context.list('jobs'),
    ];
    const seen = new Set<string>();
    for (const controller of controllers) {
      const event: ClusterEvent | undefined = context
        .eventsFor(refOf(controller))
        .find((e) => e.reason === 'FailedCreate' && /exceeded quota/i.test(e.message));
      if (!event) continue;
      const owner = context.ownerOf(controller) ?? refOf(controller);
      const key = `${owner.kind}/${owner.namespace}/${owner.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const quota = /exceeded quota: ([\w.-]+)/i.exec(event.message)?.[1];
      const use = quotaUse(event.message);
      const summary: Text = {
        key: 'cluster.quotaCannotCreate',
        params: {
          who: describeRef(owner),
          quota: quota ?? 'none',
          over: use ? listText('cluster.and', use.over) : 'none',
        },
      };
      const evidence: Text[] = [
        {
          key: 'cluster.eventOn',
          params: {
            reason: 'FailedCreate',
            count: String(event.count),
            object: describeRef(refOf(controller)),
            message: event.message.slice(0, 200),
          },
        },
      ];
      const suggestions: Text[] = [
        verbatim(`kubectl -n ${owner.namespace} describe resourcequota${quota ? ` ${quota}` : ''}`),
        { key: 'cluster.raiseQuota' },
      ];
      findings.push({
        code: 'QuotaExceeded',
        severity: 'critical',
        object: owner,
        owner,
        ...(quota
          ? {
              rootCause: {
                code: 'QuotaExceeded' as const,
                object: {
                  kind: 'ResourceQuota',
                  ...(owner.namespace ? { namespace: owner.namespace } : {}),
                  name: quota,
                },
                ...said({
                  key: 'cluster.quotaFull',
                  params: { quota, use: use?.detailText ?? { key: 'cluster.usedUp' } },
                }),
              },
            }
          : {}),
        ...sentences(summary, evidence, suggestions),
      });
    }
    return findings;
  },
};
