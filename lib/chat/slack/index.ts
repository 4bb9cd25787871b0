// Slack: the Block Kit serializer, the workerd-safe client and the Channel adapter.

export * from './as-text.ts';
export * from './blocks.ts';
export * from './channel.ts';
export * from './client.ts';
