// Slack: a Report rendered as Block Kit (within Slack's limits) and posted with @slack/web-api.
import { LogLevel, WebClient } from '@slack/web-api';
import type { Report } from '../report/index.ts';

export interface SlackMessage {
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON; the Slack API validates it
  blocks: any[];
}

const severityIcon: Record<string, string> = { critical: '🔴', warning: '🟠', info: '🔵' };
const MAX_SECTION = 3000;
const MAX_HEADER = 150;
const MAX_EVIDENCE_LINES = 6;
const MAX_SUGGESTIONS = 4;
const MAX_OTHER_FINDINGS = 5;

/** Escapes Slack's control characters so cluster text can never mention @channel or forge a link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A section with a bold title over bullet lines of cluster text (escaped, each clipped). */
function bulletSection(title: string, lines: string[], max: number) {
  const bullets = lines.slice(0, max).map((line) => `• ${escapeMrkdwn(clip(line, 300))}`);
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: clip(`*${title}*\n${bullets.join('\n')}`, MAX_SECTION) },
  };
}

function ref(object: { kind: string; namespace?: string; name: string }): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

/** The worst finding's severity; with no finding, a firing alert keeps its own (never a green 'ok'). */
function worstSeverity(report: Report): string {
  const { findings } = report;
  if (findings.some((f) => f.severity === 'critical')) return 'critical';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  if (findings.length > 0) return 'info';
  return report.alert ? (report.alert.severity ?? 'unknown') : 'ok';
}

export function renderSlackReport(report: Report): SlackMessage {
  const lead = report.findings[0];
  const severity = worstSeverity(report);
  const icon = severityIcon[severity] ?? (severity === 'ok' ? '🟢' : '⚪');
  const subject = lead
    ? ref(lead.owner ?? lead.object)
    : report.scope.object
      ? ref(report.scope.object)
      : (report.scope.namespace ?? report.cluster);
  const title = report.alert ? `${report.alert.name} — ${subject}` : `Diagnosis — ${subject}`;
  const blocks: SlackMessage['blocks'] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${icon} ${title}`, MAX_HEADER), emoji: true } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Severity*\n${severity}` },
        { type: 'mrkdwn', text: `*Cluster*\n${escapeMrkdwn(report.cluster)}` },
        {
          type: 'mrkdwn',
          text: `*Namespace*\n${escapeMrkdwn(lead?.object.namespace ?? report.scope.namespace ?? '—')}`,
        },
        { type: 'mrkdwn', text: `*Workload*\n${escapeMrkdwn(lead ? ref(lead.owner ?? lead.object) : '—')}` },
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: clip(escapeMrkdwn(report.summary), MAX_SECTION) } },
  ];
  if (lead?.rootCause) {
    const cause = lead.rootCause;
    // The detail is left out when the summary already says it: one message, no repetition.
    const detail = cause.detail && !report.summary.includes(cause.detail) ? `\n${cause.detail}` : '';
    const text = `*Root cause:* ${cause.code}${cause.object ? ` — ${ref(cause.object)}` : ''}${detail}`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(escapeMrkdwn(text), MAX_SECTION) } });
  }
  // The model's explanation only when it adds to the summary: one message, no repetition.
  if (report.ai && !report.summary.includes(report.ai.text.trim())) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(`*AI (${escapeMrkdwn(report.ai.model)}):* ${escapeMrkdwn(report.ai.text)}`, MAX_SECTION),
      },
    });
  }
  if (lead && lead.evidence.length > 0)
    blocks.push(bulletSection('Evidence', lead.evidence, MAX_EVIDENCE_LINES));
  if (lead && lead.suggestions.length > 0)
    blocks.push(bulletSection('Next steps', lead.suggestions, MAX_SUGGESTIONS));
  const others = report.findings.slice(1);
  if (others.length > 0) {
    const lines = others
      .slice(0, MAX_OTHER_FINDINGS)
      .map(
        (f) =>
          `• ${f.severity} ${f.code} — ${escapeMrkdwn(ref(f.owner ?? f.object))}: ${escapeMrkdwn(clip(f.summary, 200))}`,
      );
    if (others.length > MAX_OTHER_FINDINGS) lines.push(`…and ${others.length - MAX_OTHER_FINDINGS} more`);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`*Also found*\n${lines.join('\n')}`, MAX_SECTION) },
    });
  }
  const meta = report.meta
    ? ` · ${report.meta.apiRequests} API reads · ${Math.round(report.meta.durationMs)} ms`
    : '';
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `report ${escapeMrkdwn(report.id)}${meta}` }],
  });
  // The notification text (push, screen readers) is the summary alone.
  return { text: clip(`${icon} ${title}: ${report.summary}`, 3000), blocks };
}

/** The AI part of a report that first went out rule-based: a short reply in that message's thread. */
export function renderSlackAiFollowup(report: Report): SlackMessage {
  const ai = report.ai;
  if (!ai) throw new Error(`report ${report.id} has no AI part to follow up with`);
  const lines = [`*AI follow-up (${escapeMrkdwn(ai.model)}):* ${escapeMrkdwn(ai.text)}`];
  if (ai.rootCause) lines.push(`*Root cause:* ${escapeMrkdwn(ai.rootCause)}`);
  const blocks: SlackMessage['blocks'] = [
    { type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n'), MAX_SECTION) } },
  ];
  if (ai.nextSteps && ai.nextSteps.length > 0)
    blocks.push(bulletSection('Next steps', ai.nextSteps, MAX_SUGGESTIONS));
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `report ${escapeMrkdwn(report.id)} · ${ai.toolCalls} tool calls · ${ai.tokens.prompt} prompt tokens`,
      },
    ],
  });
  return { text: clip(`AI follow-up: ${ai.text}`, 3000), blocks };
}

export interface SlackClientOptions {
  token: string;
  /** e.g. `https://slack.com/api/`; tests point it at the local fake. */
  apiUrl?: string;
}

/**
 * A WebClient that works in workerd: the SDK calls a stored `fetch` unbound and sends `redirect: 'error'`,
 * which workerd rejects; this wrapper binds fetch and maps the redirect mode (docs/runtime.md).
 */
export function slackClient(options: SlackClientOptions): WebClient {
  return new WebClient(options.token, {
    ...(options.apiUrl
      ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` }
      : {}),
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    fetch: (input, init) =>
      fetch(input, { ...init, redirect: init?.redirect === 'error' ? 'manual' : init?.redirect }),
  });
}

async function postMessage(client: WebClient, channel: string, message: SlackMessage, threadTs?: string) {
  const result = await client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return result.ts;
}

/** Replies in the report's thread with its AI part. */
export async function postAiFollowupToSlack(
  client: WebClient,
  channel: string,
  threadTs: string | undefined,
  report: Report,
): Promise<void> {
  await postMessage(client, channel, renderSlackAiFollowup(report), threadTs);
}

/** Posts a report; answers the message's `ts`. */
export async function postReportToSlack(
  client: WebClient,
  channel: string,
  report: Report,
  threadTs?: string,
) {
  return postMessage(client, channel, renderSlackReport(report), threadTs);
}
