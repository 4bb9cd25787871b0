// recent_changes: what changed in a workload lately (rollouts with their template diff, edited ConfigMaps and
// Secrets, Argo CD syncs, Helm upgrades), newest first, and which one its trouble followed.
import { z } from 'zod';
import { blameLine, noChangeLine, span, wayBack } from '../../changes/index.ts';
import { readChanges } from '../../changes/load.ts';
import { redactText } from '../../security/index.ts';
import { capText } from '../render.ts';
import { clusterNow, defineTool, requiredText } from './tool.ts';

/** Changes listed per answer; older ones are counted. */
const MAX_CHANGES = 6;

export const recentChanges = defineTool({
  name: 'recent_changes',
  description:
    'What changed in a Deployment, StatefulSet or DaemonSet lately (rollouts and their diff, edited ConfigMaps/Secrets, Argo CD syncs, Helm upgrades), newest first, and which change its trouble followed.',
  args: z.object({
    namespace: requiredText,
    kind: z.enum(['Deployment', 'StatefulSet', 'DaemonSet']).default('Deployment'),
    name: requiredText,
  }),
  async run({ namespace, kind, name }, context) {
    const workload = { kind, namespace, name };
    const { changes, verdict } = await readChanges(context.reader, workload);
    const now = clusterNow(context.reader);
    const lines = changes
      .slice(0, MAX_CHANGES)
      .map((change) => `- ${span(now - Date.parse(change.at))} ago, ${change.source}: ${change.text}`);
    const more = changes.length > MAX_CHANGES ? [`(${changes.length - MAX_CHANGES} older changes)`] : [];
    const verdictLine = blameLine(verdict) ?? noChangeLine(verdict);
    const back = wayBack(verdict).map((line) => `way back: ${line}`);
    const text = [
      `${kind} ${namespace}/${name}: ${changes.length} recorded changes`,
      `verdict: ${verdictLine}`,
      ...lines,
      ...more,
      ...back,
    ].join('\n');
    return capText(redactText(text), context.maxTokens, 'Ask about one workload at a time.');
  },
});
