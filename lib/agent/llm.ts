// The Llm port: the one interface the agent loop talks to. An adapter (Gemini, OpenAI-compatible) is one file.

/** A JSON Schema object (the subset both Gemini and OpenAI-compatible APIs accept). */
export type JsonSchema = Record<string, unknown>;

/** A function the model may call. */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments (type object). */
  parameters: JsonSchema;
}

export interface ToolCall {
  /** Provider call id when the API has one (OpenAI); Gemini matches results by name and order. */
  id?: string;
  name: string;
  args: Record<string, unknown>;
}

export interface ToolResult {
  id?: string;
  name: string;
  /** Compact text, already capped and redacted. */
  output: string;
}

export type LlmMessage =
  | { role: 'user'; text: string }
  /** `raw` keeps the provider's own turn (e.g. Gemini thought signatures) so it can be sent back unchanged. */
  | { role: 'model'; text?: string; calls?: ToolCall[]; raw?: unknown }
  | { role: 'tool'; results: ToolResult[] };

export interface LlmRequest {
  system: string;
  messages: LlmMessage[];
  /** Functions offered this turn; none means the model must answer. */
  tools?: ToolSpec[];
  /** `none`: the tools stay declared (history may hold calls) but the model must answer in text. */
  toolChoice?: 'auto' | 'none';
  /** Ask for a JSON answer that validates against this schema. */
  responseSchema?: JsonSchema;
  maxOutputTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
}

export interface LlmUsage {
  promptTokens: number;
  outputTokens: number;
}

export interface LlmResponse {
  text?: string;
  calls: ToolCall[];
  usage: LlmUsage;
  /** The model that answered (as the API reports it). */
  model: string;
  finishReason?: string;
  /** The provider's turn, to be sent back as history. */
  raw?: unknown;
}

export interface Llm {
  /** Model name, for the report. */
  readonly model: string;
  generate(request: LlmRequest): Promise<LlmResponse>;
}

/** A failed model call, with what the loop needs to decide on a retry. */
export class LlmError extends Error {
  constructor(
    message: string,
    /** HTTP status when the API answered, undefined for network errors and timeouts. */
    readonly status?: number,
    /** From `Retry-After` or Google's RetryInfo. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'LlmError';
  }

  /** 429, 5xx, network errors and timeouts may succeed later; 4xx (bad key, bad request) will not. */
  get retryable(): boolean {
    return this.status === undefined || this.status === 429 || this.status >= 500;
  }
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The usual estimate (≈ 4 characters a token) for budgeting before a model has counted. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);
