// Chat: rendering Reports for people and delivering them (Slack now; LINE next).
export * from './slack.ts';
