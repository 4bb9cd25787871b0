// Slack's requests to the app: the bodies' schemas, which one a request is, and the jobs its mentions, direct
// messages and button presses become.
export * from './payload.ts';
export * from './press.ts';
export * from './profile.ts';
export * from './request.ts';
export * from './turn.ts';
