// run_analyzers: the rule-based findings on one object, a namespace or the cluster.
import { z } from 'zod';
import type { Scope } from '../../report/index.ts';
import { redactText } from '../../security/index.ts';
import { capText, renderFindings } from '../render.ts';
import { defineTool, kindArg, optionalText } from './tool.ts';

export const runAnalyzers = defineTool({
  name: 'run_analyzers',
  description: 'Run the rule-based analyzers on a namespace or one object and return their findings.',
  args: z.object({ namespace: optionalText, kind: kindArg.optional(), name: optionalText }),
  async run({ namespace, kind, name }, context) {
    if (!context.analyze) return 'error: the analyzers are not available in this investigation.';
    const scope: Scope =
      kind && name
        ? {
            kind: 'object',
            ...(namespace ? { namespace } : {}),
            object: { kind: kind.kind, name, ...(namespace ? { namespace } : {}) },
          }
        : namespace
          ? { kind: 'namespace', namespace }
          : { kind: 'cluster' };
    const findings = await context.analyze(scope);
    return capText(
      redactText(`${findings.length} findings:\n${renderFindings(findings, 4)}`),
      context.maxTokens,
      'Run on a namespace or one object instead.',
    );
  },
});
