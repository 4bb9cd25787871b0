// Caller verification and request signing shared by the Worker, the proxy and the CLI.

export * from './chat.ts';
export * from './credential-names.ts';
export * from './http.ts';
export * from './objects.ts';
export * from './redact.ts';
export * from './secret-values.ts';
export * from './signature.ts';
export * from './terminal.ts';
