// Chat: the channel-neutral message a report becomes, the Channel port, and one adapter per chat (Slack; LINE next).
export * from './approval-message.ts';
export * from './channel.ts';
export * from './digest-message.ts';
export * from './line/index.ts';
export * from './message.ts';
export * from './phone.ts';
export * from './press.ts';
export * from './registry.ts';
export * from './slack/index.ts';
export * from './summary.ts';
export * from './target.ts';
