// LINE's webhook: the body's schema and the chat turns its message events become.

export * from './loading.ts';
export * from './payload.ts';
export * from './postback.ts';
export * from './profile.ts';
export * from './turn.ts';
