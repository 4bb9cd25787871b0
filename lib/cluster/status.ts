// What a failed Kubernetes (or proxy) answer says, for error messages a person can act on.

/** The message of a Kubernetes Status object (or the first line of a plain-text error). */
export function describeStatus(body: string): string {
  try {
    const status = JSON.parse(body) as { message?: string; error?: string };
    return status.message ?? status.error ?? body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}
