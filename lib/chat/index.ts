// Chat: the channel-neutral message a report becomes, the Channel port, and one adapter per chat (Slack; LINE next).
export * from './channel.ts';
export * from './line/index.ts';
export * from './message.ts';
export * from './press.ts';
export * from './registry.ts';
export * from './slack/index.ts';
export * from './summary.ts';
export * from './target.ts';
