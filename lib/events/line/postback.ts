// From a LINE postback event (a card's button) to a job: Approve/Reject become an execute-action job, an alert
// bubble's action button a chat turn that asks for an approval. Named by the event, so a redelivery is the same
// job; data that is not a press of ours is ignored.
import { parsePress } from '../../chat/index.ts';
import type { ChatTurnJob, ExecuteActionJob } from '../../jobs/index.ts';
import type { LineEvent } from './payload.ts';
import { chatOf, type LineTurnOptions } from './turn.ts';

export function linePostback(
  event: LineEvent,
  options: LineTurnOptions,
): ExecuteActionJob | ChatTurnJob | undefined {
  const { source } = event;
  if (event.type !== 'postback' || !source) return undefined;
  const press = parsePress(event.postback?.data);
  // Who pressed must be known: a postback in a group without the user's id can approve nothing.
  if (!press || !source.userId) return undefined;
  const { to, conversation } = chatOf(source);
  const base = {
    v: 1 as const,
    id: `line-${event.webhookEventId}`,
    createdAt: options.now.toISOString(),
    cluster: options.cluster,
    replyTo: [
      {
        channel: 'line' as const,
        to,
        ...(event.replyToken ? { replyToken: event.replyToken } : {}),
        receivedAt: event.timestamp,
      },
    ],
  };
  const user = { channel: 'line' as const, id: source.userId };
  if (press.press === 'propose')
    return {
      ...base,
      kind: 'chat-turn',
      conversation,
      user,
      text: '',
      press: { report: press.report, proposal: press.proposal },
    };
  return { ...base, kind: 'execute-action', approvalId: press.approval, decision: press.press, by: user };
}
