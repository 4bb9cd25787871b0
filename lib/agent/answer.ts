// The agent's final answer: a zod schema (sent to the model as JSON Schema) and a tolerant parser for what
// models really return (fenced JSON, `<think>` blocks, prose around the object).

import { z } from 'zod';
import { ActionName, proposalArgs, targetKinds } from '../actions/index.ts';
import { describeIssues } from '../validation/index.ts';

const kindList = `${targetKinds.slice(0, -1).join(', ')} or ${targetKinds.at(-1)}`;

/** One proposal as the model writes it: the catalog's action names and arguments, flat. */
export const ProposedAction = z.object({
  action: ActionName,
  kind: z.string().describe(kindList),
  namespace: z.string(),
  name: z.string(),
  ...proposalArgs,
  reason: z.string(),
});
export type ProposedAction = z.infer<typeof ProposedAction>;

export const AgentAnswer = z.object({
  summary: z.string().min(1).describe('two or three sentences an on-call engineer reads first'),
  rootCause: z.string().describe('the most likely root cause, naming the object'),
  evidence: z.array(z.string()).describe('short lines quoting the facts that support the root cause'),
  nextSteps: z.array(z.string()).describe('what the engineer should check or do next'),
  confidence: z.enum(['low', 'medium', 'high']),
  proposals: z
    .array(ProposedAction)
    .optional()
    .describe('actions for a person to approve; only when clearly needed or asked for'),
});
export type AgentAnswer = z.infer<typeof AgentAnswer>;

function jsonSchemaOf(type: z.ZodType): Record<string, unknown> {
  const schema = z.toJSONSchema(type, { target: 'draft-7' }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

/** JSON Schema of the answer, for Gemini `responseJsonSchema` / OpenAI `json_schema`. */
export const agentAnswerJsonSchema = jsonSchemaOf(AgentAnswer);

/** JSON Schema of the `propose_action` tool's arguments: one proposal. */
export const proposedActionJsonSchema = jsonSchemaOf(ProposedAction);

export type ParsedAnswer = { ok: true; answer: AgentAnswer } | { ok: false; error: string };

/** Finds the answer object in a model's text and validates it; says what was wrong when it cannot. */
export function parseAnswer(text: string | undefined): ParsedAnswer {
  if (!text?.trim()) return { ok: false, error: 'empty answer' };
  const cleaned = text
    .replace(/<think(?:ing)?>[\s\S]*?<\/think(?:ing)?>/gi, '')
    .replace(/<think(?:ing)?>[\s\S]*$/i, '')
    .trim();
  const candidates: string[] = [cleaned];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(cleaned);
  if (fenced?.[1]) candidates.push(fenced[1]);
  const start = cleaned.indexOf('{');
  const end = cleaned.lastIndexOf('}');
  if (start >= 0 && end > start) candidates.push(cleaned.slice(start, end + 1));
  let lastError = 'no JSON object in the answer';
  for (const candidate of candidates) {
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch {
      continue;
    }
    const parsed = AgentAnswer.safeParse(value);
    if (parsed.success) return { ok: true, answer: parsed.data };
    lastError = describeIssues(parsed.error, { whole: 'answer', max: 3 });
  }
  return { ok: false, error: lastError };
}
