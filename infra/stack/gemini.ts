// Gemini API stand-in: `generateContent` / `streamGenerateContent` as Google answers them, driven by a queue of
// scripted responses (function calls, answers, 429s, 5xx, broken JSON), recording every request it was sent.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, listenLoopback, readBody, sendJson } from './http.ts';

/** One scripted model turn. Exactly one of `text`, `answer`, `functionCalls`, `error` is normally set. */
export interface GeminiScriptStep {
  /** Raw text of the model's answer (may be invalid JSON, fenced, or wrapped in `<think>` blocks on purpose). */
  text?: string;
  /** A structured answer, sent as its JSON text (what the model returns under `responseMimeType: application/json`). */
  answer?: unknown;
  /** Function calls the model makes this turn. */
  functionCalls?: { name: string; args?: Record<string, unknown> }[];
  /** An error answer in Google's shape; 429 carries `Retry-After` and a RetryInfo detail. */
  error?: { code: number; message?: string; status?: string; retryAfterSeconds?: number };
  /** Wait this long before answering (to exercise client timeouts). */
  delayMs?: number;
  /** finishReason to report (default STOP). */
  finishReason?: string;
}

/** One request as the fake recorded it; the API key is never recorded. */
export interface GeminiRecordedRequest {
  method: string;
  path: string;
  model: string;
  stream: boolean;
  body: unknown;
  /** promptTokenCount the fake answered for this request (≈ chars / 4 of the request body). */
  promptTokens: number;
  at: string;
}

export interface GeminiFake {
  url: string;
  close(): Promise<void>;
  /** Every request received so far (model calls only, not `/__…` control calls). */
  requests(): GeminiRecordedRequest[];
  clearRequests(): void;
  /** Queues responses, answered in order; with the queue empty the fake answers from the prompt. */
  script(steps: GeminiScriptStep[]): void;
}

export interface GeminiFakeOptions {
  apiKey: string;
}

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const defaultMessages: Record<number, string> = {
  429: 'You exceeded your current quota, please check your plan and billing details.',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
};

/** Google's token count is not reproducible offline; ≈ 4 characters a token is what its docs quote. */
export const approxTokens = (text: string): number => Math.ceil(text.length / 4);

function googleError(
  response: ServerResponse,
  code: number,
  message: string,
  extra: { status?: string; retryAfterSeconds?: number } = {},
): void {
  const status = extra.status ?? statusNames[code] ?? 'UNKNOWN';
  const details: unknown[] = [];
  const headers: Record<string, string> = {};
  if (extra.retryAfterSeconds !== undefined) {
    headers['retry-after'] = String(extra.retryAfterSeconds);
    details.push({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: `${extra.retryAfterSeconds}s`,
    });
  }
  sendJson(
    response,
    code,
    { error: { code, message, status, ...(details.length ? { details } : {}) } },
    headers,
  );
}

interface Part {
  text?: string;
  functionCall?: { name: string; args?: Record<string, unknown> };
  functionResponse?: { name: string; response?: unknown };
}
interface Content {
  role?: string;
  parts?: Part[];
}
interface GenerateRequest {
  contents?: Content[];
  systemInstruction?: Content;
  tools?: { functionDeclarations?: { name: string }[] }[];
  generationConfig?: { responseJsonSchema?: unknown; responseSchema?: unknown; responseMimeType?: string };
}

export async function startGeminiFake(options: GeminiFakeOptions): Promise<GeminiFake> {
  const queue: GeminiScriptStep[] = [];
  const recorded: GeminiRecordedRequest[] = [];

  const server = await listenLoopback(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://gemini.fake');
    if (await control(request, response, url)) return;

    const match = /^\/(v1|v1beta|v1alpha)\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(
      url.pathname,
    );
    if (!match) {
      googleError(response, 404, `Method not found: ${request.method} ${url.pathname}`);
      return;
    }
    if (request.method !== 'POST') {
      googleError(response, 405, `Method ${request.method} not allowed; use POST`, {
        status: 'METHOD_NOT_ALLOWED',
      });
      return;
    }
    const key = request.headers['x-goog-api-key'] ?? url.searchParams.get('key');
    if (!key) {
      googleError(
        response,
        403,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      );
      return;
    }
    if (key !== options.apiKey) {
      googleError(response, 400, 'API key not valid. Please pass a valid API key.');
      return;
    }
    let text: string;
    try {
      text = (await readBody(request, 20 * 1024 * 1024)).toString('utf8');
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        googleError(response, 413, 'Request payload size exceeds the limit');
      else throw error;
      return;
    }
    let body: GenerateRequest;
    try {
      body = JSON.parse(text) as GenerateRequest;
    } catch {
      googleError(response, 400, 'Invalid JSON payload received. Unexpected token.');
      return;
    }
    if (!Array.isArray(body.contents) || body.contents.length === 0) {
      googleError(response, 400, '* GenerateContentRequest.contents: contents is not specified');
      return;
    }
    const model = match[2] ?? '';
    const stream = match[3] === 'streamGenerateContent';
    if (
      /^gemini-(1|2)\./.test(model) &&
      body.tools?.some((tool) => tool.functionDeclarations?.length) &&
      body.generationConfig?.responseMimeType === 'application/json'
    ) {
      // What Gemini 1.x/2.x answer: structured output beside function calling arrived with Gemini 3.
      googleError(
        response,
        400,
        "Function calling with a response mime type: 'application/json' is unsupported",
      );
      return;
    }
    const promptTokens = approxTokens(text);
    recorded.push({
      method: 'POST',
      path: url.pathname,
      model,
      stream,
      body,
      promptTokens,
      at: new Date().toISOString(),
    });

    const step = queue.shift() ?? defaultStep(body);
    if (step.delayMs) await new Promise((done) => setTimeout(done, step.delayMs));
    if (step.error) {
      const code = step.error.code;
      googleError(response, code, step.error.message ?? defaultMessages[code] ?? `error ${code}`, {
        ...(step.error.status ? { status: step.error.status } : {}),
        ...(step.error.retryAfterSeconds !== undefined
          ? { retryAfterSeconds: step.error.retryAfterSeconds }
          : code === 429
            ? { retryAfterSeconds: 1 }
            : {}),
      });
      return;
    }
    const parts: Part[] = [];
    if (step.text !== undefined) parts.push({ text: step.text });
    if (step.answer !== undefined) parts.push({ text: JSON.stringify(step.answer) });
    for (const call of step.functionCalls ?? [])
      parts.push({ functionCall: { name: call.name, args: call.args ?? {} } });
    const outputTokens = approxTokens(JSON.stringify(parts));
    const answer = {
      candidates: [
        { content: { parts, role: 'model' }, finishReason: step.finishReason ?? 'STOP', index: 0 },
      ],
      usageMetadata: {
        promptTokenCount: promptTokens,
        candidatesTokenCount: outputTokens,
        totalTokenCount: promptTokens + outputTokens,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
      },
      modelVersion: model,
      responseId: randomBytes(12).toString('base64url'),
    };
    if (stream) {
      // `alt=sse`: one event holding the whole answer is a valid stream.
      const event = `data: ${JSON.stringify(answer)}\r\n\r\n`;
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'content-length': Buffer.byteLength(event),
      });
      response.end(event);
      return;
    }
    sendJson(response, 200, answer);
  });

  // Google keeps idle connections open for minutes; Node's 5 s default would reset a client's pooled socket
  // between two calls a slow investigation makes, which the real API does not do.
  server.server.keepAliveTimeout = 120_000;

  /** `/__script`, `/__requests` (and its alias `/__messages`): the test's controls over HTTP. */
  async function control(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === '/__script') {
      if (request.method === 'POST') {
        let steps: unknown;
        try {
          steps = JSON.parse((await readBody(request)).toString('utf8'));
        } catch {
          sendJson(response, 400, { error: 'POST /__script wants a JSON array of steps' });
          return true;
        }
        if (!Array.isArray(steps)) {
          sendJson(response, 400, { error: 'POST /__script wants a JSON array of steps' });
          return true;
        }
        queue.push(...(steps as GeminiScriptStep[]));
        sendJson(response, 200, { queued: queue.length });
      } else if (request.method === 'DELETE') {
        queue.length = 0;
        response.writeHead(204).end();
      } else if (request.method === 'GET') sendJson(response, 200, queue);
      else sendJson(response, 405, { error: 'GET, POST or DELETE /__script' });
      return true;
    }
    if (url.pathname === '/__requests' || url.pathname === '/__messages') {
      if (request.method === 'GET') sendJson(response, 200, recorded);
      else if (request.method === 'DELETE') {
        recorded.length = 0;
        response.writeHead(204).end();
      } else sendJson(response, 405, { error: `GET or DELETE ${url.pathname}` });
      return true;
    }
    return false;
  }

  return {
    url: server.url,
    close: () => server.close(),
    requests: () => recorded.slice(),
    clearRequests: () => {
      recorded.length = 0;
    },
    script: (steps) => {
      queue.push(...steps);
    },
  };
}

/** All text of a content list, in order. */
function textOf(contents: Content[]): string {
  return contents
    .flatMap((content) => content.parts ?? [])
    .map((part) => part.text ?? (part.functionResponse ? JSON.stringify(part.functionResponse.response) : ''))
    .join('\n');
}

const FINDING_LINE =
  /\b(CrashLoopBackOff|OOMKilled|ImagePullFailure|ContainerConfigError|ProbeFailure|Unschedulable|FailedMount|InitContainerFailure|Evicted|RolloutStuck|WorkloadUnavailable|JobFailed|CronJobFailing|ServiceNoEndpoints|IngressBackendMissing|PVCPending|NodeNotReady|NodePressure|HPAAtLimit|QuotaExceeded|ArgoSyncFailed|ArgoDegraded)\b/;
const CAUSE_LINE =
  /\b(DependencyUnreachable|MissingConfig|BadImageReference|InsufficientResources|SelectorMismatch|ApplicationError|UntoleratedTaint|StorageExhausted)\b/;

/**
 * The answer with nothing scripted: deterministic and valid against the request's response schema, built from
 * the prompt's own lines (its first finding, root-cause and evidence lines), so the demo works unscripted.
 */
function defaultStep(body: GenerateRequest): GeminiScriptStep {
  const prompt = textOf(body.contents ?? []);
  const lines = prompt
    .split('\n')
    .map((line) =>
      line
        .replace(/^[\s>*-]+/, '')
        .replace(/^\d+\.\s+/, '')
        .replace(/^\[\w+\]\s+/, '')
        .trim(),
    )
    .filter((line) => line.length > 0 && line.length < 400);
  const label = (line: string) => line.replace(/^[a-z ]{2,20}:\s+/i, '');
  const finding = lines.find((line) => FINDING_LINE.test(line));
  const said = lines.find((line) => /^summary:/i.test(line));
  const cause =
    lines.find((line) => /^root cause:/i.test(line)) ??
    lines.find((line) => CAUSE_LINE.test(line) && line !== finding);
  const evidence = lines
    .filter((line) => /^(evidence|log|event)\b|exit|restart|refused|error/i.test(line))
    .map(label)
    .slice(0, 3);
  const summary = said ? label(said) : (finding ?? 'No failing object was found in the data provided.');
  const facts = {
    summary,
    rootCause: cause ? label(cause) : (finding ?? 'unknown from the data provided'),
    evidence: evidence.length > 0 ? evidence : [summary],
    nextSteps: ['Check the evidence above against the latest deployment change.'],
  };
  const schema = body.generationConfig?.responseJsonSchema ?? body.generationConfig?.responseSchema;
  if (schema && typeof schema === 'object')
    return { answer: fromSchema(schema as JsonSchema, facts, 'root') };
  return { text: `${facts.summary}\nRoot cause: ${facts.rootCause}` };
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
}

/** A value valid against `schema`, filled from `facts` by property name where the names match. */
function fromSchema(schema: JsonSchema, facts: Record<string, string | string[]>, name: string): unknown {
  if (schema.enum && schema.enum.length > 0) return schema.enum[Math.floor((schema.enum.length - 1) / 2)];
  if (schema.anyOf?.[0]) return fromSchema(schema.anyOf[0], facts, name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? Object.keys(schema.properties ?? {}));
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        if (required.has(key)) out[key] = fromSchema(child, facts, key);
      }
      return out;
    }
    case 'array': {
      const fact = facts[name];
      if (Array.isArray(fact) && schema.items && (schema.items.type === 'string' || !schema.items.type))
        return fact;
      return [];
    }
    case 'string': {
      const fact = facts[name];
      return Array.isArray(fact) ? fact.join('; ') : (fact ?? facts.summary);
    }
    case 'number':
    case 'integer':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}
