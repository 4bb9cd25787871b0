// From a Slack button press (block_actions) to a Job: Approve/Reject on an approval card → execute-action, the
// action button on an alert report → a chat turn that proposes it. The press only names stored things (see
// lib/chat/press.ts); anything else on the message — a link button, a forged value — is no job.
import { PRESS_ACTION_IDS, parsePress } from '../../chat/index.ts';
import type { ChatTurnJob, ExecuteActionJob } from '../../jobs/index.ts';
import { sha256Hex } from '../../security/index.ts';
import type { SlackAction, SlackBlockActions } from './payload.ts';

export interface SlackPressOptions {
  /** The job's cluster (CLUSTER_NAME); what runs is the approval's or report's own cluster. */
  cluster: string;
  now: Date;
}

/**
 * `slack-act-<first 32 hex of SHA-256(message ts, user, action ts)>`: Slack delivering one press twice is one job,
 * pressing again (a new action_ts) is another, which the approval store then refuses as already decided.
 */
export async function slackPressJobId(messageTs: string, user: string, actionTs: string): Promise<string> {
  return `slack-act-${(await sha256Hex(`${messageTs}\n${user}\n${actionTs}`)).slice(0, 32)}`;
}

/** The press an action is: ours only when its value parses and its action_id is that press's. */
function pressOf(action: SlackAction) {
  const press = parsePress(action.value);
  return press && action.action_id === PRESS_ACTION_IDS[press.press] ? press : undefined;
}

/** The jobs a block_actions payload's presses become (usually one; none for a modal or a foreign button). */
export async function slackPressJobs(
  payload: SlackBlockActions,
  options: SlackPressOptions,
): Promise<(ExecuteActionJob | ChatTurnJob)[]> {
  const { channel_id: channel, message_ts: messageTs } = payload.container;
  if (!channel || !messageTs) return [];
  const user = payload.user.id;
  // The card's own thread when it is a reply, else a thread under the card: outcomes and proposals go there.
  const cardThread = payload.message?.thread_ts;
  const thread = cardThread ?? messageTs;
  const base = { v: 1 as const, createdAt: options.now.toISOString(), cluster: options.cluster };
  const replyTo = [{ channel: 'slack' as const, to: channel, thread }];
  const jobs: (ExecuteActionJob | ChatTurnJob)[] = [];
  for (const action of payload.actions) {
    const press = pressOf(action);
    if (!press) continue;
    const id = await slackPressJobId(messageTs, user, action.action_ts);
    if (press.press === 'propose')
      jobs.push({
        ...base,
        kind: 'chat-turn',
        id,
        conversation: `slack:${channel}:${thread}`,
        user: { channel: 'slack', id: user },
        text: '',
        press: { report: press.report, proposal: press.proposal },
        replyTo,
      });
    else
      jobs.push({
        ...base,
        kind: 'execute-action',
        id,
        approvalId: press.approval,
        decision: press.press,
        by: { channel: 'slack', id: user },
        card: { channel: 'slack', to: channel, id: messageTs, ...(cardThread ? { thread: cardThread } : {}) },
        replyTo,
      });
  }
  return jobs;
}
