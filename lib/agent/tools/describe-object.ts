// describe_object: one object's key fields (its kind's view) and its recent events, like `kubectl describe`.
import { z } from 'zod';
import { type K8sObject, resources } from '../../cluster/index.ts';
import { redactText } from '../../security/index.ts';
import { age, capText } from '../render.ts';
import { eventLine, sortEvents } from './events.ts';
import { clusterNow, defineTool, kindArg, optionalText, requiredText } from './tool.ts';
import { labels } from './views/fields.ts';
import { viewOf } from './views/index.ts';

export const describeObject = defineTool({
  name: 'describe_object',
  description: 'Key fields of one object (status, containers, conditions, selectors) and its recent events.',
  args: z.object({ kind: kindArg, namespace: optionalText, name: requiredText }),
  async run({ kind: resource, namespace: given, name }, context) {
    const namespace = resource.namespaced ? given : undefined;
    if (resource.namespaced && !namespace)
      return `error: ${resource.kind} is namespaced; give its namespace.`;
    const object = await context.reader.get(resource, namespace, name);
    const title = `${resource.kind} ${namespace ? `${namespace}/` : ''}${name}`;
    if (!object) return `${title} not found.`;
    const now = clusterNow(context.reader);
    const lines: string[] = [`${title} (age ${age(object.metadata.creationTimestamp, now)})`];
    const owner = object.metadata.ownerReferences?.[0];
    if (owner) lines.push(`owner: ${owner.kind} ${owner.name}`);
    if (object.metadata.labels) lines.push(`labels: ${labels(object.metadata.labels)}`);
    const annotations = Object.entries(object.metadata.annotations ?? {}).filter(
      ([key]) => key !== 'kubectl.kubernetes.io/last-applied-configuration',
    );
    if (annotations.length > 0)
      lines.push(
        `annotations: ${annotations.map(([key, value]) => `${key}=${value.length > 120 ? `${value.slice(0, 120)}…` : value}`).join('; ')}`,
      );
    lines.push(...viewOf(resource).describe(object));
    const events = await context.reader
      .list(resources.events, {
        ...(namespace ? { namespace } : {}),
        fieldSelector: `involvedObject.name=${name}`,
        limit: 100,
        maxItems: 100,
      })
      .catch(() => [] as K8sObject[]);
    // Filter again: a server that ignores the field selector must not mix in other objects' events.
    const own = events.filter((event) => {
      const involved = event.involvedObject ?? event.regarding;
      return involved?.name === name && (!involved?.kind || involved.kind === resource.kind);
    });
    const recent = sortEvents(own).slice(0, 10);
    lines.push(recent.length > 0 ? 'events (newest first):' : 'events: none');
    for (const event of recent) lines.push(`  ${eventLine(event, now)}`);
    return capText(
      redactText(lines.join('\n')),
      context.maxTokens,
      'Ask get_events or get_logs for more detail.',
    );
  },
});
