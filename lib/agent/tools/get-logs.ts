// get_logs: a container's log lines, the previous instance's when the current one is empty, grep'd, tailed,
// repeats collapsed, capped.
import { z } from 'zod';
import { redactText } from '../../security/index.ts';
import { capText } from '../render.ts';
import { defineTool, optionalText, requiredText } from './tool.ts';

const DEFAULT_TAIL = 80;
const EMPTY_NOTE = ' (current log empty; showing previous instance)';

/** What the head line says, for the chat, which says it again in the reader's language. */
export interface LogHead {
  namespace: string;
  pod: string;
  container?: string;
  previous: boolean;
  grep?: string;
  /** The current log was empty, so the previous instance's is shown. */
  emptyNote: boolean;
  lines: number;
}

/** The tool's head line (`log of shop/payment-1 (previous): 4 lines`) back into its parts; undefined for any other line. */
export function parseLogHead(line: string): LogHead | undefined {
  const match =
    /^log of ([^/\s]+)\/(\S+?)(?: container (\S+))?( \(previous\))?(?: grep "(.*)")?( \(current log empty; showing previous instance\))?: (\d+) lines$/.exec(
      line,
    );
  if (!match) return undefined;
  const [, namespace = '', pod = '', container, previous, grep, empty, count = '0'] = match;
  return {
    namespace,
    pod,
    ...(container ? { container } : {}),
    previous: Boolean(previous),
    ...(grep !== undefined ? { grep } : {}),
    emptyNote: Boolean(empty),
    lines: Number(count),
  };
}
const MAX_TAIL = 500;

export const getLogs = defineTool({
  name: 'get_logs',
  description:
    'Log lines of a pod container. previous=true reads the last crashed instance. Use grep and tail to keep it short.',
  args: z.object({
    namespace: requiredText,
    pod: requiredText,
    container: optionalText,
    previous: z.boolean().optional(),
    tail: z
      .int()
      .min(1)
      .max(MAX_TAIL)
      .optional()
      .describe(`last N lines (default ${DEFAULT_TAIL}, max ${MAX_TAIL})`),
    grep: optionalText.describe('keep only lines containing this text (case-insensitive)'),
  }),
  async run({ namespace, pod, container, previous: asked, tail = DEFAULT_TAIL, grep: text }, context) {
    const grep = text?.toLowerCase();
    const read = (previous: boolean) =>
      context.reader.logs(namespace, pod, {
        ...(container ? { container } : {}),
        previous,
        // With grep, read further back so the filter has something to find; bytes stay capped either way.
        tailLines: grep ? MAX_TAIL * 4 : tail,
        limitBytes: 256 * 1024,
      });
    let previous = asked === true;
    let log = await read(previous);
    let note = '';
    if (!log.trim() && asked === undefined) {
      // A crash-looping container's useful log is usually the previous instance's.
      log = await read(true);
      previous = true;
      note = EMPTY_NOTE;
    }
    let lines = log.split('\n').filter((line) => line.trim());
    if (grep) lines = lines.filter((line) => line.toLowerCase().includes(grep));
    lines = collapseRepeats(lines).slice(-tail);
    const head = `log of ${namespace}/${pod}${container ? ` container ${container}` : ''}${previous ? ' (previous)' : ''}${grep ? ` grep "${grep}"` : ''}${note}: ${lines.length} lines`;
    return capText(
      redactText(`${head}\n${lines.join('\n')}`),
      context.maxTokens,
      'Use grep for the error text, or a smaller tail.',
    );
  },
});

const REPEATED = /^ {2}\(previous line repeated (\d+) more times\)$/;

/** How many more times the line above repeated, when `line` is the tool's note saying so. */
export const repeatsOf = (line: string): number | undefined => {
  const count = REPEATED.exec(line)?.[1];
  return count === undefined ? undefined : Number(count);
};

/** Repeated identical lines (timestamps aside) become one line with a count. */
function collapseRepeats(lines: string[]): string[] {
  const out: string[] = [];
  let previousKey = '';
  let repeats = 0;
  const key = (line: string) => line.replace(/^\S*\d{4}-\d{2}-\d{2}T\S+\s*/, '');
  for (const line of lines) {
    const current = key(line);
    if (current === previousKey) {
      repeats++;
      continue;
    }
    if (repeats > 0) out.push(`  (previous line repeated ${repeats} more times)`);
    repeats = 0;
    previousKey = current;
    out.push(line);
  }
  if (repeats > 0) out.push(`  (previous line repeated ${repeats} more times)`);
  return out;
}
