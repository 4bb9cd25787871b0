// APPROVERS, parsed: who may approve a write on each cluster. `line:U1,slack:U2` applies to every cluster;
// `prod=line:U1;staging=slack:U3;*=slack:U0` names them per cluster, `*` adding to every one.
import { z } from 'zod';
import { ConfigError } from '../config/index.ts';

/** One approver as a chat identity: `line:U…` or `slack:U…` (the presser's `<channel>:<id>`). */
export const Approver = z.string().regex(/^(line|slack):[A-Za-z0-9._-]{1,100}$/, {
  message: 'an approver is line:<user id> or slack:<user id>',
});

const ClusterName = z.string().regex(/^(\*|[A-Za-z0-9._-]{1,100})$/, {
  message: 'a cluster is a name or *',
});

/** The approvers of a cluster: every listed one of that cluster and of `*`, without repeats. */
export type ApproversFor = (cluster: string) => string[];

function parseList(list: string, where: string): string[] {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const parsed = Approver.safeParse(part);
      if (!parsed.success)
        throw new ConfigError(`APPROVERS: ${where}'${part}' is not line:<id> or slack:<id>`);
      return parsed.data;
    });
}

/** Parses APPROVERS; a malformed value is a ConfigError naming the part that is wrong. Unset: nobody approves. */
export function parseApprovers(setting: string | undefined): ApproversFor {
  const byCluster = new Map<string, string[]>();
  const value = (setting ?? '').trim();
  if (value !== '') {
    const perCluster = value.includes('=');
    for (const section of perCluster ? value.split(';') : [value]) {
      if (section.trim() === '') continue;
      let cluster = '*';
      let list = section;
      if (perCluster) {
        const at = section.indexOf('=');
        if (at < 0)
          throw new ConfigError(`APPROVERS: '${section.trim()}' has no <cluster>= before its approvers`);
        cluster = section.slice(0, at).trim();
        list = section.slice(at + 1);
        if (!ClusterName.safeParse(cluster).success)
          throw new ConfigError(`APPROVERS: '${cluster}' is not a cluster name or *`);
      }
      const approvers = parseList(list, perCluster ? `${cluster}: ` : '');
      if (approvers.length === 0) throw new ConfigError(`APPROVERS: cluster '${cluster}' lists no approver`);
      byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), ...approvers]);
    }
  }
  return (cluster) => [...new Set([...(byCluster.get(cluster) ?? []), ...(byCluster.get('*') ?? [])])];
}
