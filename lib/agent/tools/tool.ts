// What a tool is: a name, a description, a zod schema of its arguments (the JSON schema the model sees is
// generated from it, and what the model sends is parsed with it) and a function that answers compact text.
import { z } from 'zod';
import { type ClusterReader, type ResourceType, resourceFor } from '../../cluster/index.ts';
import type { Finding, Scope } from '../../report/index.ts';
import type { ProposedAction } from '../answer.ts';

/** Runs the rule-based analyzers on a scope (the diagnosis engine, injected so tests and the CLI can choose). */
export type AnalyzeScope = (scope: Scope) => Promise<Finding[]>;

export interface ToolContext {
  reader: ClusterReader;
  analyze?: AnalyzeScope;
  /** Per tool result, in tokens. */
  maxTokens: number;
  /** Decides whether a proposal may stand; returns the reason when it may not. */
  vetProposal(proposal: ProposedAction): string | undefined;
  /** Records an accepted proposal; returns its id. */
  addProposal(proposal: ProposedAction): string;
}

export interface AgentTool<Args extends z.ZodType = z.ZodType> {
  name: string;
  /** What the model reads to decide when to call it. */
  description: string;
  /** The arguments: the model's JSON schema is generated from this, and every call is parsed with it. */
  args: Args;
  /** What the model is told when its arguments do not parse; default `error: <tool>: <field>: <problem>`. */
  refuse?(problems: string): string;
  /** Answers compact text, already capped and redacted; may throw (the registry turns it into a line). */
  run(args: z.output<Args>, context: ToolContext): Promise<string> | string;
}

/** Keeps the schema's type on `run`; the registry holds tools of every argument type. */
export const defineTool = <Args extends z.ZodType>(tool: AgentTool<Args>): AgentTool<Args> => tool;

/** A name or selector the model may leave out: blank counts as absent. */
export const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

/** A name the call cannot do without. */
export const requiredText = z.string().trim().min(1, 'must not be empty');

/** A kind as kubectl accepts it (kind, plural or short name), parsed into its resource type. */
export const kindArg = z.string().transform((name, context): ResourceType => {
  const resource = resourceFor(name);
  if (resource) return resource;
  context.addIssue({
    code: 'custom',
    message: `unknown kind "${name.trim()}"; use a built-in kind such as Pod, Deployment, Service, Node`,
  });
  return z.NEVER;
});

/** The cluster's clock (from the API server's Date header) so ages match what kubectl would print there. */
export function clusterNow(reader: ClusterReader): number {
  const server = reader.stats.serverTime ? Date.parse(reader.stats.serverTime) : Number.NaN;
  return Number.isNaN(server) ? Date.now() : server;
}

/** The most objects one list or events call reads. */
export const LIST_FETCH_LIMIT = 500;
