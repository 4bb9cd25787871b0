// Reads what the chat fakes and the QStash emulator recorded, the way a person (or a peer system) would see it.

export interface RecordedRequest {
  method: string;
  path: string;
  // biome-ignore lint/suspicious/noExplicitAny: whatever the SDK sent
  body: any;
  at: string;
}

export async function recorded(baseUrl: string): Promise<RecordedRequest[]> {
  const response = await fetch(`${baseUrl}/__messages`);
  if (!response.ok) throw new Error(`${baseUrl}/__messages answered ${response.status}`);
  return (await response.json()) as RecordedRequest[];
}

export async function slackPosts(slackUrl: string): Promise<RecordedRequest[]> {
  return (await recorded(slackUrl)).filter((m) => m.path.endsWith('/chat.postMessage'));
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs` with `what`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A response's JSON body, loosely typed for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: tests assert on the shape
export async function bodyOf(response: Response): Promise<any> {
  return response.json();
}
