// The OpenAI-compatible adapter of the Llm port (`/chat/completions`): Ollama, vLLM, Azure OpenAI, OpenAI.
import {
  type Llm,
  LlmError,
  type LlmMessage,
  type LlmRequest,
  type LlmResponse,
  parseRetryAfter,
} from './llm.ts';

export interface OpenAiCompatibleLlmOptions {
  /** e.g. `http://localhost:11434/v1` (Ollama), `https://api.openai.com/v1`. */
  baseUrl: string;
  model: string;
  /** Sent as `Authorization: Bearer`; Ollama and vLLM need none. */
  apiKey?: string;
  /** Extra headers (Azure wants `api-key`). */
  headers?: Record<string, string>;
  /** Use `response_format: json_schema` (default true; set false for servers that reject it). */
  jsonSchema?: boolean;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

export class OpenAiCompatibleLlm implements Llm {
  readonly model: string;

  constructor(private readonly options: OpenAiCompatibleLlmOptions) {
    this.model = options.model;
  }

  async generate(request: LlmRequest): Promise<LlmResponse> {
    const fetcher = this.options.fetch ?? ((input, init) => fetch(input, init));
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const body = {
      model: this.model,
      messages: [
        { role: 'system', content: request.system } as ChatMessage,
        ...request.messages.flatMap(toChat),
      ],
      ...(request.tools?.length
        ? {
            tools: request.tools.map((tool) => ({
              type: 'function',
              function: { name: tool.name, description: tool.description, parameters: tool.parameters },
            })),
            tool_choice: request.toolChoice ?? 'auto',
          }
        : {}),
      ...(request.responseSchema && this.options.jsonSchema !== false
        ? {
            response_format: {
              type: 'json_schema',
              json_schema: { name: 'answer', schema: request.responseSchema },
            },
          }
        : {}),
      ...(request.maxOutputTokens ? { max_tokens: request.maxOutputTokens } : {}),
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    };
    let response: Response;
    try {
      response = await fetcher(`${this.options.baseUrl.replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
          ...this.options.headers,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.any([
          AbortSignal.timeout(timeoutMs),
          ...(request.signal ? [request.signal] : []),
        ]),
      });
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      throw new LlmError(
        name === 'TimeoutError' || name === 'AbortError'
          ? `${this.model}: no answer within ${timeoutMs} ms`
          : `${this.model}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text.slice(0, 300);
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
      } catch {}
      throw new LlmError(
        `${this.model}: ${response.status} ${message}`,
        response.status,
        parseRetryAfter(response.headers.get('retry-after')),
      );
    }
    let data: {
      model?: string;
      choices?: { message?: ChatMessage; finish_reason?: string }[];
      usage?: { prompt_tokens?: number; completion_tokens?: number };
    };
    try {
      data = JSON.parse(text);
    } catch {
      throw new LlmError(`${this.model}: response is not JSON`, 502);
    }
    const choice = data.choices?.[0];
    const message = choice?.message;
    return {
      ...(message?.content ? { text: message.content } : {}),
      calls: (message?.tool_calls ?? []).map((call) => ({
        id: call.id,
        name: call.function.name,
        args: parseArgs(call.function.arguments),
      })),
      usage: {
        promptTokens: data.usage?.prompt_tokens ?? 0,
        outputTokens: data.usage?.completion_tokens ?? 0,
      },
      model: data.model ?? this.model,
      ...(choice?.finish_reason ? { finishReason: choice.finish_reason } : {}),
    };
  }
}

function parseArgs(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function toChat(message: LlmMessage, index: number): ChatMessage[] {
  switch (message.role) {
    case 'user':
      return [{ role: 'user', content: message.text }];
    case 'model':
      return [
        {
          role: 'assistant',
          content: message.text ?? null,
          ...(message.calls?.length
            ? {
                tool_calls: message.calls.map((call, n) => ({
                  id: call.id ?? `call_${index}_${n}`,
                  type: 'function' as const,
                  function: { name: call.name, arguments: JSON.stringify(call.args) },
                })),
              }
            : {}),
        },
      ];
    case 'tool':
      // Results without an id (Gemini-style history) are matched to the previous turn's calls by position.
      return message.results.map((result, n) => ({
        role: 'tool',
        tool_call_id: result.id ?? `call_${index - 1}_${n}`,
        content: result.output,
      }));
  }
}
