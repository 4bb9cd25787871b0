// Slack: the Block Kit serializer, the workerd-safe client and the Channel adapter.
export * from './blocks.ts';
export * from './channel.ts';
export * from './client.ts';
