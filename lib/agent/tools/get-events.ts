// get_events: recent events, newest first, narrowed by namespace, object name and type.
import { z } from 'zod';
import { resources } from '../../cluster/index.ts';
import { redactText } from '../../security/index.ts';
import { capText } from '../render.ts';
import { eventLine, sortEvents } from './events.ts';
import { clusterNow, defineTool, LIST_FETCH_LIMIT, optionalText } from './tool.ts';

export const getEvents = defineTool({
  name: 'get_events',
  description: 'Recent events, newest first. Filter by namespace, object name and type (Warning or Normal).',
  args: z.object({
    namespace: optionalText,
    name: optionalText.describe('involved object name'),
    type: z.enum(['Warning', 'Normal']).optional(),
  }),
  async run({ namespace, name, type }, context) {
    const selectors = [name ? `involvedObject.name=${name}` : '', type ? `type=${type}` : ''].filter(Boolean);
    const events = await context.reader.list(resources.events, {
      ...(namespace ? { namespace } : {}),
      ...(selectors.length ? { fieldSelector: selectors.join(',') } : {}),
      limit: LIST_FETCH_LIMIT,
      maxItems: LIST_FETCH_LIMIT,
    });
    // Filter again: a server that ignores a field selector must not widen the answer.
    const matching = events.filter(
      (event) =>
        (!name || (event.involvedObject ?? event.regarding)?.name === name) && (!type || event.type === type),
    );
    if (matching.length === 0)
      return `no events${namespace ? ` in ${namespace}` : ''}${name ? ` for ${name}` : ''}`;
    const now = clusterNow(context.reader);
    const lines = sortEvents(matching).map((event) => eventLine(event, now));
    return capText(
      redactText(`${matching.length} events, newest first:\n${lines.join('\n')}`),
      context.maxTokens,
      'Narrow with namespace, name or type=Warning.',
    );
  },
});
