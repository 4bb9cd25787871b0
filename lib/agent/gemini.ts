// The Gemini adapter of the Llm port, on the official `@google/genai` SDK (works in workerd and Node).
import { ApiError, type Content, FunctionCallingConfigMode, GoogleGenAI, type Part } from '@google/genai';
import {
  type Llm,
  LlmError,
  type LlmMessage,
  type LlmRequest,
  type LlmResponse,
  parseRetryAfter,
} from './llm.ts';

/** A current Flash model: fast and cheap enough for every alert. */
export const DEFAULT_GEMINI_MODEL = 'gemini-3.8-flash';

export interface GeminiLlmOptions {
  apiKey: string;
  /** Default {@link DEFAULT_GEMINI_MODEL}. */
  model?: string;
  /** Where the API lives (the local fake in tests); the SDK keeps its path. */
  baseUrl?: string;
  /** Per-call timeout (default 30 s). */
  timeoutMs?: number;
  /** The fetch to use (default global fetch). */
  fetch?: typeof fetch;
}

export class GeminiLlm implements Llm {
  readonly model: string;
  readonly #client: GoogleGenAI;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: GeminiLlmOptions) {
    this.model = options.model ?? DEFAULT_GEMINI_MODEL;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#client = new GoogleGenAI({
      apiKey: options.apiKey,
      ...(options.baseUrl ? { httpOptions: { baseUrl: options.baseUrl } } : {}),
    });
  }

  /** Gemini 2.x refuses a JSON response schema beside function declarations; learnt from its first 400. */
  #schemaWithTools = true;

  async generate(request: LlmRequest): Promise<LlmResponse> {
    const withSchema = Boolean(request.responseSchema) && (this.#schemaWithTools || !request.tools?.length);
    try {
      return await this.#generate(request, withSchema);
    } catch (error) {
      if (
        withSchema &&
        request.tools?.length &&
        error instanceof LlmError &&
        error.status === 400 &&
        /mime type|response_?(json_?)?schema|responseJsonSchema|structured output/i.test(error.message)
      ) {
        // The answer is still validated by the agent (and the system prompt asks for the JSON object).
        this.#schemaWithTools = false;
        return this.#generate(request, false);
      }
      throw error;
    }
  }

  async #generate(request: LlmRequest, withSchema: boolean): Promise<LlmResponse> {
    // The SDK's ApiError drops the response headers; keep Retry-After from this call's own fetch.
    let retryAfter: string | null = null;
    const fetchRecordingRetryAfter: typeof fetch = async (input, init) => {
      const response = await this.#fetch(input, init);
      if (!response.ok) retryAfter = response.headers.get('retry-after');
      return response;
    };
    const signals = [AbortSignal.timeout(this.#timeoutMs), ...(request.signal ? [request.signal] : [])];
    try {
      const response = await this.#client.models.generateContent({
        model: this.model,
        contents: mergeTurns(request.messages.map(toContent)),
        config: {
          systemInstruction: request.system,
          ...(request.tools?.length
            ? {
                tools: [
                  {
                    functionDeclarations: request.tools.map((tool) => ({
                      name: tool.name,
                      description: tool.description,
                      parametersJsonSchema: tool.parameters,
                    })),
                  },
                ],
                toolConfig: {
                  functionCallingConfig: {
                    mode:
                      request.toolChoice === 'none'
                        ? FunctionCallingConfigMode.NONE
                        : FunctionCallingConfigMode.AUTO,
                  },
                },
                automaticFunctionCalling: { disable: true },
              }
            : {}),
          ...(withSchema && request.responseSchema
            ? { responseMimeType: 'application/json', responseJsonSchema: request.responseSchema }
            : {}),
          ...(request.maxOutputTokens ? { maxOutputTokens: request.maxOutputTokens } : {}),
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
          abortSignal: AbortSignal.any(signals),
          httpOptions: { fetch: fetchRecordingRetryAfter },
        },
      });
      const candidate = response.candidates?.[0];
      const parts = candidate?.content?.parts ?? [];
      const text = parts
        .filter((part) => typeof part.text === 'string' && !part.thought)
        .map((part) => part.text)
        .join('');
      return {
        ...(text ? { text } : {}),
        calls: parts
          .filter((part) => part.functionCall?.name)
          .map((part) => ({
            ...(part.functionCall?.id ? { id: part.functionCall.id } : {}),
            name: part.functionCall?.name ?? '',
            args: (part.functionCall?.args ?? {}) as Record<string, unknown>,
          })),
        usage: {
          promptTokens: response.usageMetadata?.promptTokenCount ?? 0,
          outputTokens: response.usageMetadata?.candidatesTokenCount ?? 0,
        },
        model: response.modelVersion ?? this.model,
        ...(candidate?.finishReason ? { finishReason: String(candidate.finishReason) } : {}),
        raw: candidate?.content ?? { role: 'model', parts },
      };
    } catch (error) {
      if (error instanceof ApiError) {
        const { message, retryDelayMs } = describeGoogleError(error.message);
        throw new LlmError(
          `Gemini ${this.model}: ${error.status} ${message}`,
          error.status,
          parseRetryAfter(retryAfter) ?? retryDelayMs,
        );
      }
      const name = error instanceof Error ? error.name : '';
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new LlmError(`Gemini ${this.model}: no answer within ${this.#timeoutMs} ms`);
      throw new LlmError(`Gemini ${this.model}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function toContent(message: LlmMessage): Content {
  switch (message.role) {
    case 'user':
      return { role: 'user', parts: [{ text: message.text }] };
    case 'model': {
      if (message.raw) return message.raw as Content;
      const parts: Part[] = [];
      if (message.text) parts.push({ text: message.text });
      for (const call of message.calls ?? [])
        parts.push({
          functionCall: { ...(call.id ? { id: call.id } : {}), name: call.name, args: call.args },
        });
      return { role: 'model', parts };
    }
    case 'tool':
      return {
        role: 'user',
        parts: message.results.map((result) => ({
          functionResponse: {
            ...(result.id ? { id: result.id } : {}),
            name: result.name,
            response: { output: result.output },
          },
        })),
      };
  }
}

/** Gemini wants user and model turns to alternate: consecutive turns of one role become one. */
function mergeTurns(contents: Content[]): Content[] {
  const merged: Content[] = [];
  for (const content of contents) {
    const last = merged.at(-1);
    if (last && last.role === content.role && content.role !== 'model')
      merged[merged.length - 1] = {
        role: last.role,
        parts: [...(last.parts ?? []), ...(content.parts ?? [])],
      };
    else merged.push(content);
  }
  return merged;
}

/** The SDK puts Google's JSON error body in the message; pull out its message and RetryInfo delay. */
function describeGoogleError(raw: string): { message: string; retryDelayMs?: number } {
  try {
    const body = JSON.parse(raw) as {
      error?: { message?: string; status?: string; details?: { '@type'?: string; retryDelay?: string }[] };
    };
    const delay = body.error?.details?.find((detail) => detail['@type']?.endsWith('RetryInfo'))?.retryDelay;
    const seconds = delay ? Number.parseFloat(delay) : Number.NaN;
    return {
      message: `${body.error?.status ?? ''} ${body.error?.message ?? ''}`.trim().slice(0, 300),
      ...(Number.isFinite(seconds) ? { retryDelayMs: Math.round(seconds * 1000) } : {}),
    };
  } catch {
    return { message: raw.slice(0, 300) };
  }
}
