// The model's tools: read-only views of the cluster, each answering compact capped text, and `propose_action`,
// which only records a request for a person to approve. Adding a tool means adding a file and a line here.

import { z } from 'zod';
import { redactText } from '../../security/index.ts';
import { describeIssues } from '../../validation/index.ts';
import type { JsonSchema, ToolSpec } from '../llm.ts';
import { describeObject } from './describe-object.ts';
import { getEvents } from './get-events.ts';
import { getLogs } from './get-logs.ts';
import { listResources } from './list-resources.ts';
import { proposeAction } from './propose-action.ts';
import { recentChanges } from './recent-changes.ts';
import { runAnalyzers } from './run-analyzers.ts';
import type { AgentTool, ToolContext } from './tool.ts';

export type { AgentTool, AnalyzeScope, ToolContext } from './tool.ts';
export { defineTool } from './tool.ts';

/** Every tool the model may call, in the order it is offered them. */
export const agentTools: readonly AgentTool[] = [
  listResources,
  describeObject,
  getLogs,
  getEvents,
  runAnalyzers,
  recentChanges,
  proposeAction,
];

/** The JSON schema of a tool's arguments as the model sees it: what it may send, before parsing. */
function parametersOf(tool: AgentTool): JsonSchema {
  const { $schema: _, ...schema } = z.toJSONSchema(tool.args, { target: 'draft-7', io: 'input' });
  return schema;
}

/** The tools as the model is offered them, generated from their schemas. */
export const toolSpecs: ToolSpec[] = agentTools.map((tool) => ({
  name: tool.name,
  description: tool.description,
  parameters: parametersOf(tool),
}));

/** `field: problem; field: problem`, for the model to correct its call. */
const problems = (error: z.ZodError): string =>
  describeIssues(error, { whole: 'arguments', max: Infinity, missing: 'required' });

/** Runs one tool call; every failure becomes a line the model can act on, never an exception. */
export async function runTool(
  name: string,
  args: Record<string, unknown>,
  context: ToolContext,
): Promise<string> {
  const tool = agentTools.find((candidate) => candidate.name === name);
  if (!tool)
    return `error: no tool named "${name}". Tools: ${agentTools.map((candidate) => candidate.name).join(', ')}.`;
  const parsed = tool.args.safeParse(args);
  if (!parsed.success) {
    const text = problems(parsed.error);
    return tool.refuse ? tool.refuse(text) : `error: ${name} arguments: ${text}.`;
  }
  try {
    return await tool.run(parsed.data, context);
  } catch (error) {
    return `error: ${name} failed: ${redactText(error instanceof Error ? error.message : String(error)).slice(0, 300)}`;
  }
}
